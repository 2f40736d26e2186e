package dev.spotlane.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlane.model.ImageRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The image platforms file ({@code ci/ami/platforms.json} by default) that {@code spotlane images --platforms}
 * writes and lint, fix, the cutover bot and the bake read offline. Version 1:
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
    /** The largest file merged into. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

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

    /**
     * Reads an existing file to merge into.
     *
     * @param name what to call it in messages
     * @param text its content
     * @return its entries by key, sorted
     * @throws RegistryException when it is not a version 1 platforms file (nothing should overwrite it then)
     */
    public static SortedMap<String, ManifestPlatforms> parse(String name, String text) throws RegistryException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RegistryException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("version").isIntegralNumber()
                || root.path("version").asInt() != 1 || !root.path("images").isObject()) {
            throw new RegistryException(name + ": not a platforms file (expected {\"version\": 1, \"images\":"
                    + " {...}})");
        }
        SortedMap<String, ManifestPlatforms> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("images").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.path("digest").isTextual() || !v.path("platforms").isArray()
                    || !v.path("read_at").isTextual()) {
                throw new RegistryException(name + ": image \"" + e.getKey() + "\" needs \"digest\", \"platforms\""
                        + " and \"read_at\"");
            }
            List<String> platforms = new ArrayList<>();
            v.path("platforms").forEach(p -> platforms.add(p.asText()));
            try {
                out.put(e.getKey(), new ManifestPlatforms(v.path("digest").asText(), platforms,
                        Instant.parse(v.path("read_at").asText())));
            } catch (DateTimeParseException ex) {
                throw new RegistryException(name + ": image \"" + e.getKey() + "\" has read_at \""
                        + v.path("read_at").asText() + "\", not an RFC 3339 UTC time");
            }
        }
        return out;
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
