package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --assume-complete}, the platforms file on the command line, and the AMI bake following routing. */
class SafeCutoverCommandTest {
    private static final String D = "sha256:" + "4".repeat(64);

    @Test
    void assumeCompleteMovesJobsWithUnreadParents(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), """
                include:
                  - remote: https://example.com/ci/templates.yml
                build:
                  extends: .docker-build
                  tags: [local]
                  script: [make]
                """);
        Run kept = ImagesCommandTest.run("fix", "--diff", dir.toString());
        assertEquals(0, kept.code(), kept.err());
        assertTrue(kept.err().contains("build: its configuration is incomplete: extends parent \".docker-build\""),
                kept.err());
        assertEquals("", kept.out(), "nothing moves");
        Run moved = ImagesCommandTest.run("fix", "--diff", "--assume-complete", dir.toString());
        assertTrue(moved.out().contains("+  tags: [cloud, t4g]"), moved.out());
    }

    @Test
    void aBadPlatformsFileIsBadInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), "test:\n  image: alpine:3.20\n  script: [true]\n");
        Files.createDirectories(dir.resolve("ci/ami"));
        Files.writeString(dir.resolve("ci/ami/platforms.json"), "{\"version\": 1, \"images\": [");
        Run r = ImagesCommandTest.run("lint", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("ci/ami/platforms.json:1:"), r.err());
    }

    @Test
    void theBakeTakesOnlyCloudJobsImagesNeverWindowsOrAmd64Only(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), """
                test:
                  image: golang:1.26
                  tags: [local]
                  script: [go test]
                migrate:
                  image: oracle-tools:19
                  tags: [local]
                  script: [./migrate.sh]
                deploy:  # spotlane: keep-local
                  image: alpine:3.20
                  tags: [local]
                  script: [./deploy.sh]
                win:
                  image: mcr.microsoft.com/windows/servercore:ltsc2022
                  tags: [local]
                  script: [build]
                """);
        Files.createDirectories(dir.resolve("ci/ami"));
        Files.writeString(dir.resolve("ci/ami/platforms.json"), """
                {"version": 1, "images": {
                  "docker.io/library/oracle-tools:19": {"digest": "%s", "platforms": ["linux/amd64"]},
                  "docker.io/library/redis:8": {"digest": "%s", "platforms": ["linux/amd64"]}}}
                """.formatted(D, D));
        Path manual = dir.resolve("manual.txt");
        Files.writeString(manual, "redis:8\nnode:22\nmcr.microsoft.com/windows/nanoserver:ltsc2022\n");
        Run r = ImagesCommandTest.run("images", dir.toString(), "--allowlist", manual.toString(), "--format",
                "allowlist");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("docker.io/library/golang:1.26"), r.out());
        assertTrue(r.out().contains("docker.io/library/node:22"), r.out());
        for (String absent : new String[] {"oracle-tools", "alpine", "windows", "redis"}) {
            assertFalse(r.out().contains(absent), absent + " is not baked: " + r.out());
        }
    }
}
