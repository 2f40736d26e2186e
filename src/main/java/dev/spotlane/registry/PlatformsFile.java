package dev.spotlane.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlane.model.ImageRef;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the image platforms file ({@code ci/ami/platforms.json} by default) that {@code spotlane images --platforms}
 * records and lint, fix, the cutover bot and the bake read offline (the one reader is {@code policy.ImagePlatforms}). Version 1:
 * <pre>{@code
 * {
 *   "version": 1,
 *   "images": {
 *     "docker.io/library/golang:1.26": {"digest": "sha256:...", "platforms": ["linux/amd64", "linux/arm64"], "read_at": "2026-12-05T16:00:00Z"},
 *     "docker.io/library/postgres@sha256:...": {"digest": "sha256:...", "platforms": ["linux/amd64"], "read_at": "..."}
 *   }
 * }
 * }</pre>
 * An image read by tag is filed under {@code registry/repository:tag}, one pinned by digest under
 * {@code registry/repository@digest} (see {@link #key(ImageRef)}). Keys are sorted and each image is one line, so the
 * file diffs well and writing the same facts twice gives the same bytes.
 */
public final class PlatformsFile {
    /** The file written when {@code --write} names none. */
    public static final String DEFAULT_PATH = "ci/ami/platforms.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformsFile() {
    }

    /**
     * The key an image is filed under: {@code registry/repository@digest} when pinned, else
     * {@code registry/repository:tag} ({@code :latest} when no tag is written); null when not valid.
     */
    public static String key(ImageRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (!ref.valid()) {
            return null;
        }
        return ref.digest() != null ? ref.repositoryPath() + "@" + ref.digest()
                : ref.repositoryPath() + ":" + ref.effectiveTag();
    }

    /** Renders the file: keys sorted, one image per line, a final newline. */
    public static String render(Map<String, ManifestPlatforms> images) {
        Objects.requireNonNull(images, "images");
        StringBuilder out = new StringBuilder("{\n  \"version\": 1,\n  \"images\": {");
        String sep = "\n";
        for (Map.Entry<String, ManifestPlatforms> e : new TreeMap<>(images).entrySet()) {
            ManifestPlatforms p = e.getValue();
            out.append(sep).append("    ").append(quote(e.getKey())).append(": {\"digest\": ")
                    .append(quote(p.digest())).append(", \"platforms\": [");
            for (int i = 0; i < p.platforms().size(); i++) {
                out.append(i > 0 ? ", " : "").append(quote(p.platforms().get(i)));
            }
            out.append("], \"read_at\": ").append(quote(p.readAt().toString())).append('}');
            sep = ",\n";
        }
        out.append(images.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
        return out.toString();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always renders", e);
        }
    }
}
