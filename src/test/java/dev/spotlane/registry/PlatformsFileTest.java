package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spotlane.model.ImageRef;
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
        assertEquals(images, PlatformsFile.parse("p.json", text));
        assertEquals(text, PlatformsFile.render(PlatformsFile.parse("p.json", text)));
        assertEquals("{\n  \"version\": 1,\n  \"images\": {}\n}\n", PlatformsFile.render(Map.of()));
        assertEquals(Map.of(), PlatformsFile.parse("p.json", PlatformsFile.render(Map.of())));
    }

    @Test
    void refusesWhatIsNotAPlatformsFile() {
        assertEquals("p.json:1:2: not valid JSON: Unexpected character ('x' (code 120)): was expecting double-quote"
                        + " to start field name",
                assertThrows(RegistryException.class, () -> PlatformsFile.parse("p.json", "{x")).getMessage());
        assertThrows(RegistryException.class, () -> PlatformsFile.parse("p.json", "{\"version\": 2, \"images\": {}}"));
        assertThrows(RegistryException.class, () -> PlatformsFile.parse("p.json", "[]"));
        assertThrows(RegistryException.class, () -> PlatformsFile.parse("p.json",
                "{\"version\": 1, \"images\": {\"a:1\": {\"digest\": \"x\", \"platforms\": [], \"read_at\": \"no\"}}}"));
    }
}
