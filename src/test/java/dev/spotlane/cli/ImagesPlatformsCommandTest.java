package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.registry.LocalRegistry;
import dev.spotlane.registry.OciLayout;
import dev.spotlane.registry.Registries;
import dev.spotlane.registry.Retry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotlane images --platforms --write FILE} end to end against a real registry on 127.0.0.1 (Debian's
 * {@code docker-registry}, images pushed with skopeo): the summary, the file, the merge, the exit codes, and a login
 * that never reaches any output. Skipped with a message when the tools are missing, except under {@code CI=true}.
 */
@ExtendWith(Registries.Resolver.class)
class ImagesPlatformsCommandTest {
    static final String PASSWORD = Registries.PASSWORD;

    @TempDir
    static Path temp;
    static LocalRegistry open;
    static LocalRegistry locked;
    static List<OciLayout.Descriptor> images;

    @BeforeEach
    void registries(Registries r) {
        open = r.open();
        locked = r.locked();
        images = r.images();
    }

    @BeforeAll
    static void setUp() {
        ImagePlatformsRun.clock = Clock.fixed(Instant.parse("2026-12-05T16:00:00Z"), ZoneOffset.UTC);
        ImagePlatformsRun.retry = new Retry(2, Duration.ofMillis(10), Duration.ofMillis(10), d -> { });
        ImagePlatformsRun.environment = k -> null;
        ImagePlatformsRun.home = temp.resolve("home");
    }

    @AfterAll
    static void restore() {
        ImagePlatformsRun.clock = Clock.systemUTC();
        ImagePlatformsRun.retry = Retry.standard();
        ImagePlatformsRun.environment = System::getenv;
        ImagePlatformsRun.home = Path.of(System.getProperty("user.home", "."));
    }

    @AfterEach
    void anonymousAgain() {
        ImagePlatformsRun.environment = k -> null;
    }

    static Path pipeline(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".gitlab-ci.yml"), yaml);
        return dir;
    }

    @Test
    void recordsEachImageMergesIntoTheFileAndFailsOnAnImageItCannotRead(@TempDir Path dir) throws Exception {
        String r = open.host();
        String multiDigest = images.get(2).digest();
        pipeline(dir, """
                build:
                  image: %1$s/spotlane/multi:1
                  services:
                    - %1$s/spotlane/amd64:1
                  script: [make]
                arm:
                  image: %1$s/spotlane/arm64:1
                  script: [make]
                pinned:
                  image: %1$s/spotlane/multi@%2$s
                  script: [make]
                dynamic:
                  image: $CI_REGISTRY_IMAGE/tools:1
                  script: [make]
                gone:
                  image: %1$s/spotlane/gone:1
                  script: [make]
                """.formatted(r, multiDigest));
        Path file = dir.resolve("platforms.json");
        String kept = "    \"docker.io/library/kept:1\": {\"digest\": \"sha256:" + "0".repeat(64)
                + "\", \"platforms\": [\"linux/amd64\"], \"read_at\": \"2026-01-01T00:00:00Z\"}";
        Files.writeString(file, "{\"version\": 1, \"images\": {\n" + kept + "}}");

        ImagesCommandTest.Run run = ImagesCommandTest.run("images", "--platforms", "--write", file.toString(),
                dir.toString());

        assertEquals(1, run.code(), run.err());
        String w = r + "/spotlane/multi@" + multiDigest;
        assertEquals(String.join("\n",
                pad("IMAGE", w) + "  ARM64  PLATFORMS",
                pad(r + "/spotlane/amd64:1", w) + "  no     linux/amd64",
                pad(r + "/spotlane/arm64:1", w) + "  yes    linux/arm64/v8",
                pad(r + "/spotlane/gone:1", w) + "  ?      (not read: see stderr)",
                pad(r + "/spotlane/multi:1", w) + "  yes    linux/amd64, linux/arm64/v8",
                w + "  yes    linux/amd64, linux/arm64/v8", ""), run.out());
        assertTrue(run.err().contains("spotlane: skipped dynamic image \"$CI_REGISTRY_IMAGE/tools:1\""), run.err());
        assertTrue(run.err().contains("spotlane: " + r + "/spotlane/gone:1: " + r
                + "/spotlane/gone: manifest \"1\" not found (HTTP 404, MANIFEST_UNKNOWN)"), run.err());
        String at = "\"read_at\": \"2026-12-05T16:00:00Z\"}";
        String both = "\"platforms\": [\"linux/amd64\", \"linux/arm64/v8\"], " + at;
        String expected = "{\n  \"version\": 1,\n  \"images\": {\n"
                + "    \"" + r + "/spotlane/amd64:1\": {\"digest\": \"" + images.get(0).digest()
                + "\", \"platforms\": [\"linux/amd64\"], " + at + ",\n"
                + "    \"" + r + "/spotlane/arm64:1\": {\"digest\": \"" + images.get(1).digest()
                + "\", \"platforms\": [\"linux/arm64/v8\"], " + at + ",\n"
                + "    \"" + r + "/spotlane/multi:1\": {\"digest\": \"" + multiDigest + "\", " + both + ",\n"
                + "    \"" + w + "\": {\"digest\": \"" + multiDigest + "\", " + both + ",\n"
                + kept + "\n  }\n}\n";
        assertEquals(expected, Files.readString(file));
        assertTrue(run.err().contains("platforms.json: 5 image(s) recorded (4 read now, 1 failed)"), run.err());

        // a second run writes the same bytes
        ImagesCommandTest.run("images", "--platforms", "--write", file.toString(), dir.toString());
        assertEquals(expected, Files.readString(file));
    }

    @Test
    void readsAPrivateRegistryWithTheLoginFromDockerAuthConfigAndNeverPrintsIt(@TempDir Path dir) throws Exception {
        pipeline(dir, "job:\n  image: " + locked.host() + "/spotlane/multi:1\n  script: [make]\n");
        Path file = dir.resolve("platforms.json");
        String auth = Base64.getEncoder().encodeToString((Registries.USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of("DOCKER_AUTH_CONFIG",
                "{\"auths\": {\"" + locked.host() + "\": {\"auth\": \"" + auth + "\"}}}");
        ImagePlatformsRun.environment = env::get;

        ImagesCommandTest.Run run = ImagesCommandTest.runKeeping(PASSWORD, List.of("images", "--platforms",
                "--write", file.toString(), dir.toString()));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains(locked.host() + "/spotlane/multi:1  yes    linux/amd64, linux/arm64/v8"),
                run.out());
        for (String secret : List.of(auth, "Basic ")) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), run.out() + run.err());
            assertFalse(Files.readString(file).contains(secret));
        }

        // without the login: a clear error, exit 1, and the entry read before is kept
        ImagePlatformsRun.environment = k -> null;
        ImagesCommandTest.Run anonymous = ImagesCommandTest.run("images", "--platforms", "--write", file.toString(),
                dir.toString());
        assertEquals(1, anonymous.code());
        assertTrue(anonymous.err().contains("the registry needs a login and none was found"), anonymous.err());
        assertTrue(Files.readString(file).contains(locked.host() + "/spotlane/multi:1"));
    }

    @Test
    void literalAllowlistEntriesAreReadTooAndGlobsAreNot(@TempDir Path dir) throws Exception {
        pipeline(dir, "job:\n  image: " + open.host() + "/spotlane/amd64:1\n  script: [make]\n");
        Path allowlist = dir.resolve("manual.txt");
        Files.writeString(allowlist, "# only generated pipelines use these\n" + open.host() + "/spotlane/arm64:1\n"
                + open.host() + "/spotlane/*:*\n");
        Path file = dir.resolve("platforms.json");
        ImagesCommandTest.Run run = ImagesCommandTest.run("images", "--platforms", "--write", file.toString(),
                "--allowlist", allowlist.toString(), dir.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of(open.host() + "/spotlane/amd64:1", open.host() + "/spotlane/arm64:1"),
                dev.spotlane.policy.ImagePlatforms.parse("p", Files.readString(file)).images().keySet().stream().toList());
    }

    @Test
    void aBadDockerAuthConfigOrPlatformsFileIsBadInputAndNothingIsRead(@TempDir Path dir) throws Exception {
        pipeline(dir, "job:\n  image: " + open.host() + "/spotlane/amd64:1\n  script: [make]\n");
        Path file = dir.resolve("platforms.json");
        Files.writeString(file, "{\"version\": 2}");
        ImagesCommandTest.Run badFile = ImagesCommandTest.run("images", "--platforms", "--write", file.toString(),
                dir.toString());
        assertEquals(2, badFile.code());
        assertTrue(badFile.err().contains("unsupported platforms file version \"2\"; expected 1"), badFile.err());
        assertEquals("{\"version\": 2}", Files.readString(file));

        Files.delete(file);
        Function<String, String> env = Map.of("DOCKER_AUTH_CONFIG", "{\"auths\": " + PASSWORD)::get;
        ImagePlatformsRun.environment = env;
        ImagesCommandTest.Run badConfig = ImagesCommandTest.runKeeping(PASSWORD, List.of("images", "--platforms",
                "--write", file.toString(), dir.toString()));
        assertEquals(2, badConfig.code());
        assertTrue(badConfig.err().contains("DOCKER_AUTH_CONFIG: not valid JSON at line 1"), badConfig.err());
        assertFalse(Files.exists(file));

        assertEquals(2, ImagesCommandTest.run("images", "--platforms", "--format", "json", dir.toString()).code());
    }

    private static String pad(String s, String widest) {
        return s + " ".repeat(widest.length() - s.length());
    }
}
