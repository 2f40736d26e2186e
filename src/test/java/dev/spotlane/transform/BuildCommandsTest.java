package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link BuildCommands}: builds in script lines, and the quick test that skips lines that cannot hold one. */
class BuildCommandsTest {

    @Test
    void readsTheBuildsOfEachTool() {
        List<BuildCommands.Build> b = BuildCommands.of(List.of(
                "docker build -t registry.example.com/app:1 .",
                "echo \"building\" && docker buildx build --platform linux/amd64,linux/arm64 --tag=x/y:2 .",
                "sudo buildah bud -t z .; podman build --tag w .",
                "/kaniko/executor --destination a/b:3 --custom-platform linux/arm64",
                "d\"ocker\" 'bu'ild -t quoted .",
                "docker \\\n  build -t continued .",
                "make test", "echo done"));
        assertEquals(List.of(
                new BuildCommands.Build(List.of("registry.example.com/app:1"), List.of()),
                new BuildCommands.Build(List.of("x/y:2"), List.of("linux/amd64", "linux/arm64")),
                new BuildCommands.Build(List.of("z"), List.of()),
                new BuildCommands.Build(List.of("w"), List.of()),
                new BuildCommands.Build(List.of("a/b:3"), List.of("linux/arm64")),
                new BuildCommands.Build(List.of("quoted"), List.of()),
                new BuildCommands.Build(List.of("continued"), List.of())), b);
    }

    @Test
    void theQuickTestSkipsOnlyLinesWithoutBuilds() {
        assertFalse(BuildCommands.mayBuild("make test && go vet ./..."));
        assertFalse(BuildCommands.mayBuild("echo \"bui\" ld"));
        assertTrue(BuildCommands.mayBuild("echo \"bu\"ild"));
        assertTrue(BuildCommands.mayBuild("buildah bud -t x ."));
        Random random = new Random(77);
        // a prefix, a tool, a verb and flags, each also written split by quotes, continuations or spaces
        String[][] parts = {
            {"", "", "sudo ", "A=b ", "echo \"it's\" && ", "make; "},
            {"docker", "podman", "buildah", "/kaniko/executor", "d\"ocker\"", "'/kan'iko/executor", "doc ker",
                "kaniko", "/usr/bin/docker", "exec docker"},
            {" build", " bud", " buildx build", " image build", " bu\"ild\"", " 'b'ud", " bu\\\nild", " bu ild", "",
                " run", " b\"\"uild", " \"build\"", " buil'd"},
            {" -t x:1", " --tag=x:1", " --destination x:1", " -d x:1", " --platform linux/arm64", " -t", "",
                " | tee log", " \"-t\" 'x:2'"}};
        int builds = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder();
            for (String[] choices : parts) {
                line.append(choices[random.nextInt(choices.length)]);
            }
            line.append(parts[3][random.nextInt(parts[3].length)]);
            String text = line.toString();
            List<BuildCommands.Build> found = BuildCommands.parse(text);
            builds += found.isEmpty() ? 0 : 1;
            assertTrue(BuildCommands.mayBuild(text) || found.isEmpty(), text);
        }
        assertTrue(builds > 5_000, "lines with a build: " + builds);
    }
}
