package dev.spotlane.policy;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rules file and the files it {@code extends:}, merged by {@link RulesMerge} and validated as one document.
 *
 * <p>{@code extends: path/in/repo.yml} names a file of the repository (relative to its root; a leading {@code /} is
 * allowed). It must resolve, symbolic links followed, inside the repository and be a regular file of at most
 * {@link #MAX_BYTES}; its content is never echoed in a message. Chains are followed up to {@link #MAX_DEPTH} files;
 * a file met twice is a cycle. Each problem is reported at the {@code extends} value that caused it.
 * {@code extends: {project: ..., file: ..., ref: ...}} (central rules in another GitLab project) is read through a
 * {@link RulesSource}; without one (offline), the bundled rules stand in for it and {@link Result#notices()} says so.
 */
public final class RulesChain {
    /** Files in one chain at most, the starting file included. */
    public static final int MAX_DEPTH = 5;
    /** The largest rules file read. */
    public static final long MAX_BYTES = 1 << 20;
    private static final String ID = " [rules-extends]";

    /** The merged rules, where each part came from (the starting file first) and what the caller should tell. */
    public record Result(Policy policy, ObjectNode merged, List<String> sources, List<String> notices) {
    }

    private final Path repoRoot;
    private final RulesSource remote;
    private final List<String> sources = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    private RulesChain(Path repoRoot, RulesSource remote) {
        this.repoRoot = repoRoot;
        this.remote = remote;
    }

    /** True when a rules text has a top-level {@code extends:} key (a cheap check before the full load). */
    public static boolean extendsAnother(String text) {
        return text.lines().anyMatch(l -> l.startsWith("extends:") || l.startsWith("\"extends\":"));
    }

    /**
     * Loads {@code file} and the chain it extends.
     *
     * @param file     the starting rules file (the user's own: not confined)
     * @param repoRoot the repository the extended paths are confined to
     * @param remote   reads rules from another project, or null when offline
     */
    public static Result load(Path file, Path repoRoot, RulesSource remote) throws IOException, PolicyException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(repoRoot, "repoRoot");
        RulesChain chain = new RulesChain(repoRoot.toRealPath(), remote);
        Set<Path> seen = new LinkedHashSet<>();
        seen.add(file.toRealPath());
        ObjectNode merged = chain.resolve(Source.read(file), seen, 1);
        Path dir = file.toAbsolutePath().getParent();
        String text = merged.toPrettyString();
        Policy policy = PolicyLoader.load(new Source(file.toString().replace('\\', '/') + " (merged with "
                + String.join(", ", chain.sources.subList(1, chain.sources.size())) + ")", text),
                dir == null ? Path.of(".") : dir);
        return new Result(policy, merged, List.copyOf(chain.sources), List.copyOf(chain.notices));
    }

    private ObjectNode resolve(Source source, Set<Path> seen, int depth) throws IOException, PolicyException {
        sources.add(source.name());
        ParseResult parsed = new YamlParser().parse(source);
        if (!parsed.ok()) {
            throw problem(new Location(source.name(), parsed.error().position().line(),
                    parsed.error().position().column()), parsed.error().message() + " [rules-syntax]");
        }
        YamlFile yaml = parsed.file();
        YamlNode root = yaml.documents().isEmpty() ? null : yaml.documents().get(0).root();
        if (root == null || !(root.resolved() instanceof YamlMapping map)) {
            throw problem(new Location(source.name(), 1, 1), "the rules file must be a mapping [rules-schema]");
        }
        ObjectNode own = (ObjectNode) YamlJson.toJson(root);
        YamlNode ext = map.get("extends");
        if (ext == null) {
            return own;
        }
        Location at = Location.of(yaml, ext);
        if (depth >= MAX_DEPTH) {
            throw problem(at, "extends: more than " + MAX_DEPTH + " rules files in one chain (" + String.join(" -> ",
                    sources) + ")" + ID);
        }
        JsonNode spec = own.get("extends");
        ObjectNode base;
        if (spec.isString()) {
            base = local(spec.asString(), at, seen, depth);
        } else if (spec.isObject() && spec.has("project") && spec.has("file")) {
            base = remote(spec.get("project").asString(), spec.get("file").asString(),
                    spec.has("ref") ? spec.get("ref").asString() : null, at);
        } else {
            throw problem(at, "extends: expected a path in the repository or {project, file, ref}" + ID);
        }
        return RulesMerge.merge(base, own);
    }

    private ObjectNode local(String name, Location at, Set<Path> seen, int depth)
            throws IOException, PolicyException {
        String rel = name.startsWith("/") ? name.substring(1) : name;
        Path target;
        try {
            target = repoRoot.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw problem(at, "extends: \"" + name + "\" is not a path" + ID);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
            throw problem(at, "extends: \"" + name + "\": no such file in the repository" + ID);
        }
        Path real;
        try {
            real = target.toRealPath();
        } catch (IOException e) {
            throw problem(at, "extends: \"" + name + "\": no such file in the repository" + ID);
        }
        if (!real.startsWith(repoRoot)) {
            throw problem(at, "extends: \"" + name + "\" is outside the repository" + ID);
        }
        if (!Files.isRegularFile(real)) {
            throw problem(at, "extends: \"" + name + "\" is not a regular file" + ID);
        }
        long size = Files.size(real);
        if (size > MAX_BYTES) {
            throw problem(at, "extends: \"" + name + "\" is " + size + " bytes, more than the limit " + MAX_BYTES
                    + ID);
        }
        if (!seen.add(real)) {
            throw problem(at, "extends: \"" + name + "\" is already in the chain (a cycle: " + String.join(" -> ",
                    sources) + " -> " + rel + ")" + ID);
        }
        return resolve(Source.read(real, rel), seen, depth + 1);
    }

    private ObjectNode remote(String project, String file, String ref, Location at)
            throws IOException, PolicyException {
        String where = project + ":" + file + (ref == null ? "" : "@" + ref);
        if (remote != null) {
            try {
                String text = remote.read(project, file, ref);
                if (text.length() > MAX_BYTES) {
                    throw problem(at, "extends: \"" + where + "\" is larger than the limit " + MAX_BYTES + ID);
                }
                // central rules may extend only files of their own project: not followed further here
                Source source = new Source(where, text);
                ObjectNode central = resolveCentral(source);
                sources.add(where);
                return central;
            } catch (RulesSource.Unavailable e) {
                notices.add("the central rules \"" + where + "\" could not be read (" + e.getMessage()
                        + "); using " + at.path() + " over the bundled rules instead");
            }
        } else {
            notices.add("the central rules \"" + where + "\" could not be read (no GitLab URL or token); using "
                    + at.path() + " over the bundled rules instead");
        }
        sources.add(PolicyLoader.BUNDLED);
        try (InputStream in = PolicyLoader.class.getResourceAsStream("/dev/spotlane/rules/spotlane.yml")) {
            Objects.requireNonNull(in, "bundled rules missing from the jar");
            return resolveCentral(new Source(PolicyLoader.BUNDLED, new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        }
    }

    private ObjectNode resolveCentral(Source source) throws PolicyException {
        ParseResult parsed = new YamlParser().parse(source);
        if (!parsed.ok()) {
            throw problem(new Location(source.name(), parsed.error().position().line(),
                    parsed.error().position().column()), parsed.error().message() + " [rules-syntax]");
        }
        YamlNode root = parsed.file().documents().isEmpty() ? null : parsed.file().documents().get(0).root();
        if (root == null || !(root.resolved() instanceof YamlMapping)) {
            throw problem(new Location(source.name(), 1, 1), "the rules file must be a mapping [rules-schema]");
        }
        ObjectNode node = (ObjectNode) YamlJson.toJson(root);
        node.remove("extends");
        return node;
    }

    private static PolicyException problem(Location at, String message) {
        return new PolicyException(List.of(new PolicyException.Problem(at, message)));
    }
}
