package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spotlane.model.ImageRef;
import dev.spotlane.policy.ImagePlatforms;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlatformsFileTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @Test
    void keysByTagOrByDigest() {
        assertEquals("docker.io/library/golang:1.26", PlatformsFile.key(ImageRef.parse("golang:1.26")));
        assertEquals("docker.io/library/alpine:latest", PlatformsFile.key(ImageRef.parse("alpine")));
        assertEquals("docker.io/library/postgres@" + D1, PlatformsFile.key(ImageRef.parse("postgres@" + D1)));
        assertEquals("docker.io/library/postgres@" + D1, PlatformsFile.key(ImageRef.parse("postgres:16@" + D1)));
        assertEquals("registry.example.com:5050/g/app:1", PlatformsFile.key(ImageRef.parse(
                "registry.example.com:5050/g/app:1")));
        assertNull(PlatformsFile.key(ImageRef.parse("$CI_REGISTRY_IMAGE:1")));
    }

    @Test
    void rendersSortedOneImagePerLineAndReadsBack() throws Exception {
        Map<String, ManifestPlatforms> images = new TreeMap<>();
        images.put("docker.io/library/postgres@" + D2, new ManifestPlatforms(D2, List.of("linux/amd64"),
                Instant.parse("2026-12-05T16:00:01Z")));
        images.put("docker.io/library/golang:1.26", new ManifestPlatforms(D1, List.of("linux/amd64",
                "linux/arm64/v8"), Instant.parse("2026-12-05T16:00:00Z")));
        String text = PlatformsFile.render(images);
        assertEquals("""
                {
                  "version": 1,
                  "images": {
                    "docker.io/library/golang:1.26": {"digest": "%s", "platforms": ["linux/amd64", "linux/arm64/v8"], "read_at": "2026-12-05T16:00:00Z"},
                    "docker.io/library/postgres@%s": {"digest": "%s", "platforms": ["linux/amd64"], "read_at": "2026-12-05T16:00:01Z"}
                  }
                }
                """.formatted(D1, D2, D2), text);
        // what the writer writes, the one reader (policy.ImagePlatforms) reads back entry for entry
        Map<String, ManifestPlatforms> back = new TreeMap<>();
        ImagePlatforms.parse("p.json", text).images().forEach((k, v) -> back.put(k, new ManifestPlatforms(v.digest(),
                v.platforms(), v.readAt())));
        assertEquals(images, back);
        assertEquals("{\n  \"version\": 1,\n  \"images\": {}\n}\n", PlatformsFile.render(Map.of()));
        assertEquals(Map.of(), ImagePlatforms.parse("p.json", PlatformsFile.render(Map.of())).images());
    }
}
