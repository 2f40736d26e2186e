package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.model.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platforms file reader: format version 1, digest key before tag key, errors at the file, confinement. */
class ImagePlatformsTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String FILE = """
            {
              "version": 1,
              "images": {
                "docker.io/library/golang:1.26": {"digest": "%s", "platforms": ["linux/amd64", "linux/arm64/v8"],
                                                  "read_at": "2026-12-05T16:00:00Z"},
                "docker.io/library/golang@%s": {"digest": "%s", "platforms": ["linux/amd64"],
                                                "read_at": "2026-12-05T16:00:00Z"},
                "registry.example.com:5000/tools/lint:latest": {"digest": "%s", "platforms": ["linux/arm64"]}
              }
            }
            """.formatted(D1, D2, D2, D1);

    @Test
    void looksUpByDigestFirstThenByTag() throws Exception {
        ImagePlatforms p = ImagePlatforms.parse("platforms.json", FILE);
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), p.lookup(ImageRef.parse("golang:1.26")).orElseThrow()
                .platforms());
        assertTrue(p.lookup(ImageRef.parse("golang:1.26")).orElseThrow().supports("arm64"), "a variant counts");
        // the digest key wins over the tag key
        assertEquals(List.of("linux/amd64"), p.lookup(ImageRef.parse("golang:1.26@" + D2)).orElseThrow()
                .platforms());
        // an unknown digest falls back to the tag
        assertEquals(2, p.lookup(ImageRef.parse("golang:1.26@" + D1)).orElseThrow().platforms().size());
        assertEquals(List.of("linux/arm64"), p.lookup(ImageRef.parse("registry.example.com:5000/tools/lint"))
                .orElseThrow().platforms(), "an implied latest");
        assertTrue(p.lookup(ImageRef.parse("node:22")).isEmpty(), "not recorded: unknown");
        assertTrue(p.lookup(ImageRef.parse("$IMAGE")).isEmpty(), "dynamic: unknown");
        assertEquals("docker.io/library/golang:1.26", ImagePlatforms.tagKey(ImageRef.parse("golang:1.26")));
        assertEquals("docker.io/library/golang@" + D2, ImagePlatforms.digestKey(ImageRef.parse("golang:1.26@" + D2)));
    }

    @Test
    void badFilesAreErrorsNamingTheFile() {
        PolicyException syntax = assertThrows(PolicyException.class,
                () -> ImagePlatforms.parse("ci/ami/platforms.json", "{\n  \"version\": 1,\n  \"images\": {,}\n}"));
        assertTrue(syntax.getMessage().startsWith("ci/ami/platforms.json:3:"), syntax.getMessage());
        assertTrue(syntax.getMessage().endsWith("[platforms-file]"), syntax.getMessage());
        PolicyException version = assertThrows(PolicyException.class,
                () -> ImagePlatforms.parse("p.json", "{\"version\": 2, \"images\": {}}"));
        assertTrue(version.getMessage().contains("unsupported platforms file version \"2\"; expected 1"),
                version.getMessage());
        PolicyException entry = assertThrows(PolicyException.class,
                () -> ImagePlatforms.parse("p.json", "{\"version\": 1, \"images\": {\"a:1\": {\"digest\": \"x\"}}}"));
        assertTrue(entry.getMessage().contains("image \"a:1\" needs a \"platforms\" list"), entry.getMessage());
        PolicyException time = assertThrows(PolicyException.class, () -> ImagePlatforms.parse("p.json",
                "{\"version\": 1, \"images\": {\"a:1\": {\"platforms\": [], \"read_at\": \"yesterday\"}}}"));
        assertTrue(time.getMessage().contains("read_at \"yesterday\""), time.getMessage());
    }

    @Test
    void loadsFromTheRepositoryAndStaysInside(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assertSame(ImagePlatforms.NONE, ImagePlatforms.load(Path.of("ci/ami/platforms.json"), repo, true),
                "no file: every image unknown");
        Files.createDirectories(repo.resolve("ci/ami"));
        Files.writeString(repo.resolve("ci/ami/platforms.json"), FILE);
        ImagePlatforms read = ImagePlatforms.load(Path.of("ci/ami/platforms.json"), repo, true);
        assertEquals(3, read.images().size());
        assertEquals("ci/ami/platforms.json", read.source());

        Files.writeString(dir.resolve("outside.json"), FILE);
        PolicyException outside = assertThrows(PolicyException.class,
                () -> ImagePlatforms.load(Path.of("../outside.json"), repo, true));
        assertTrue(outside.getMessage().contains("outside the repository"), outside.getMessage());
        Files.createSymbolicLink(repo.resolve("link.json"), dir.resolve("outside.json"));
        assertThrows(PolicyException.class, () -> ImagePlatforms.load(Path.of("link.json"), repo, true),
                "a link out of the repository");
        assertFalse(ImagePlatforms.load(dir.resolve("outside.json"), repo, false).images().isEmpty(),
                "the user's own --rules may name any file");
        Files.createDirectories(repo.resolve("dir.json"));
        assertThrows(PolicyException.class, () -> ImagePlatforms.load(Path.of("dir.json"), repo, true));
    }

    @Test
    void rulesNameTheFileAndClassCapabilities() throws Exception {
        Policy p = PolicyLoader.load(new dev.spotlane.yaml.Source("r.yml", """
                version: 1
                routing:
                  policy: explicit
                  classes:
                    t4g: { tags: [t4g], default: true }
                    builder: { tags: [builder], privileged: true, arch: amd64 }
                  routes: [{ name: all, match: { jobs: ["*"] }, class: t4g }]
                  local_runner: { allowed_pull_policies: [always, if-not-present] }
                images: { platforms: ami/platforms.json }
                """), Path.of("/repo"));
        assertEquals(Path.of("/repo/ami/platforms.json"), p.images().platforms());
        assertEquals("arm64", p.routing().classes().get("t4g").arch());
        assertFalse(p.routing().classes().get("t4g").privileged());
        assertTrue(p.routing().classes().get("builder").privileged());
        assertEquals("amd64", p.routing().classes().get("builder").arch());
        assertEquals(List.of("always", "if-not-present"), p.routing().localAllowedPullPolicies());
        Policy bundled = PolicyLoader.bundled();
        assertEquals(Path.of("ci/ami/platforms.json"), bundled.images().platforms());
        assertEquals(List.of("always"), bundled.routing().localAllowedPullPolicies());
    }
}
