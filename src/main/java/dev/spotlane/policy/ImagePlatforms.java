package dev.spotlane.policy;

import dev.spotlane.model.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image platforms file ({@code images.platforms} in the rules, default {@code ci/ami/platforms.json}): what
 * {@code spotlane images --platforms --write FILE} read from the registries, kept in the repository so that lint, fix,
 * the cutover bot and the AMI bake decide offline. Format, version 1:
 * <pre>{@code
 * {"version": 1,
 *  "images": {"docker.io/library/golang:1.26": {"digest": "sha256:...", "platforms": ["linux/amd64", "linux/arm64"],
 *                                                "read_at": "2026-12-05T16:00:00Z"},
 *             "docker.io/library/postgres@sha256:...": {...}}}
 * }</pre>
 * Keys are references normalised as {@link ImageRef#normalized()} gives them without the digest (by tag) or as
 * {@code registry/repository@digest} (by digest). A lookup tries the digest key first, then the tag key; an image not
 * in the file is unknown and blocks nothing.
 *
 * @param source the file's display name (empty for {@link #NONE})
 * @param images entries by key
 */
public record ImagePlatforms(String source, Map<String, Entry> images) {
    /** No platforms file: every image is unknown. */
    public static final ImagePlatforms NONE = new ImagePlatforms("", Map.of());
    /** The largest platforms file read (a file is size-checked before it is read). */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    public ImagePlatforms {
        Objects.requireNonNull(source, "source");
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    /**
     * One image as read from its registry.
     *
     * @param digest    the manifest (list) digest read
     * @param platforms {@code os/arch[/variant]} of every image in it
     * @param readAt    when it was read
     */
    public record Entry(String digest, List<String> platforms, Instant readAt) {
        public Entry {
            platforms = List.copyOf(platforms);
        }

        /** True when an image for {@code linux/<arch>} (any variant) is in it. */
        public boolean supports(String arch) {
            String want = "linux/" + arch;
            return platforms.stream().anyMatch(p -> p.equals(want) || p.startsWith(want + "/"));
        }
    }

    /** The entry for an image: by digest first, then by tag; empty when unknown (or the reference is not valid). */
    public Optional<Entry> lookup(ImageRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (!ref.valid()) {
            return Optional.empty();
        }
        if (ref.digest() != null) {
            Entry e = images.get(ref.repositoryPath() + "@" + ref.digest());
            if (e != null) {
                return Optional.of(e);
            }
        }
        String tag = ref.effectiveTag();
        return tag == null ? Optional.empty() : Optional.ofNullable(images.get(ref.repositoryPath() + ":" + tag));
    }

    /**
     * The same entries, each also under the name an ECR pull-through cache serves it by ({@code docker.io/library/
     * golang:1.26} also as {@code <host>/<prefix>/library/golang:1.26}): a rewritten reference is the same image, and
     * the platforms file names the upstream ones. Unchanged for any other mirror.
     */
    public ImagePlatforms withMirrorNames(Mirror mirror) {
        if (!(mirror instanceof Mirror.EcrPullThrough ecr) || images.isEmpty()) {
            return this;
        }
        Map<String, Entry> out = new LinkedHashMap<>(images);
        images.forEach((key, entry) -> {
            // keys are registry/repository:tag or registry/repository@digest (see tagKey, digestKey)
            int at = key.indexOf('@');
            int end = at >= 0 ? at : key.lastIndexOf(':') > key.lastIndexOf('/') ? key.lastIndexOf(':') : key.length();
            ImageRef ref = ImageRef.parse(key.substring(0, end));
            String cached = ref.valid() ? ecr.cacheReference(ref) : null;
            if (cached != null) {
                out.putIfAbsent(ImageRef.parse(cached).repositoryPath() + key.substring(end), entry);
            }
        });
        return new ImagePlatforms(source, out);
    }

    /** The digest key of an image, or null: {@code registry/repository@sha256:...}. */
    public static String digestKey(ImageRef ref) {
        return ref.valid() && ref.digest() != null ? ref.repositoryPath() + "@" + ref.digest() : null;
    }

    /** The tag key of an image, or null: {@code registry/repository:tag} ({@code :latest} when none is written). */
    public static String tagKey(ImageRef ref) {
        return ref.valid() && ref.effectiveTag() != null ? ref.repositoryPath() + ":" + ref.effectiveTag() : null;
    }

    /**
     * Reads the platforms file the rules name; the one place spotlane reads it. A missing file gives {@link #NONE}.
     *
     * @param file     the file (relative paths resolve against {@code repoRoot})
     * @param repoRoot the repository root
     * @param confined true when a repository file (its {@code .spotlane.yml}) names the path: it must then be a
     *                 regular file inside the repository
     * @throws PolicyException when the file is not valid (one problem naming the file, line and column)
     */
    public static ImagePlatforms load(Path file, Path repoRoot, boolean confined) throws IOException, PolicyException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(repoRoot, "repoRoot");
        Path path = file.isAbsolute() ? file : repoRoot.resolve(file);
        String display = file.isAbsolute() ? file.toString() : file.toString().replace('\\', '/');
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return NONE;
        }
        if (confined) {
            Path root = repoRoot.toRealPath();
            Path real = path.toRealPath();
            if (!real.startsWith(root)) {
                throw problem(display, 1, 1, "images.platforms names a file outside the repository");
            }
        }
        if (!Files.isRegularFile(path)) {
            throw problem(display, 1, 1, "images.platforms is not a regular file");
        }
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw problem(display, 1, 1, "the platforms file has " + size + " bytes, at most " + MAX_BYTES
                    + " are read");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return parse(display, new String(in.readNBytes((int) MAX_BYTES + 1), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return NONE;
        }
    }

    /** Parses the file's text; {@code name} is used in messages. */
    public static ImagePlatforms parse(String name, String text) throws PolicyException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw problem(name, at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1
                    : Math.max(1, at.getColumnNr()), "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw problem(name, 1, 1, "the platforms file must be an object with \"version\": 1 and \"images\"");
        }
        if (!root.path("version").isIntegralNumber() || root.path("version").asInt() != 1) {
            throw problem(name, 1, 1, "unsupported platforms file version \"" + root.path("version").asString("")
                    + "\"; expected 1");
        }
        JsonNode images = root.path("images");
        if (!images.isObject()) {
            throw problem(name, 1, 1, "\"images\" must be an object of image references");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = images.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            JsonNode platforms = v.path("platforms");
            if (!v.isObject() || !platforms.isArray()) {
                problems.add("image \"" + e.getKey() + "\" needs a \"platforms\" list");
                continue;
            }
            List<String> list = new ArrayList<>();
            platforms.forEach(p -> list.add(p.asString("")));
            Instant readAt = null;
            if (v.path("read_at").isString()) {
                try {
                    readAt = Instant.parse(v.path("read_at").asString());
                } catch (DateTimeParseException ex) {
                    problems.add("image \"" + e.getKey() + "\" has read_at \"" + v.path("read_at").asString()
                            + "\", not an RFC 3339 UTC time");
                    continue;
                }
            }
            out.put(e.getKey(), new Entry(v.path("digest").isString() ? v.path("digest").asString() : null, list,
                    readAt));
        }
        if (!problems.isEmpty()) {
            throw problem(name, 1, 1, String.join("; ", problems));
        }
        return new ImagePlatforms(name, out);
    }

    private static PolicyException problem(String file, int line, int column, String message) {
        return new PolicyException(List.of(new PolicyException.Problem(new dev.spotlane.model.Location(file, line,
                column), message + " [platforms-file]")));
    }
}
