package dev.spotlane.policy;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlParser;
import dev.spotlane.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rules file and the files it {@code extends:}, merged by {@link RulesMerge} and validated as one document.
 *
 * <p>{@code extends: path/in/repo.yml} names a file of the repository (relative to its root; a leading {@code /} is
 * allowed), read through {@link RepoFiles}: on disk it must resolve, symbolic links followed, inside the repository
 * and be a regular file of at most {@link #MAX_BYTES}; its content is never echoed in a message. Chains are followed
 * up to {@link #MAX_DEPTH} files; a file met twice is a cycle. Each problem is reported at the {@code extends} value
 * that caused it. {@code extends: {project: ..., file: ..., ref: ...}} (central rules in another GitLab project) is
 * read through a {@link RulesSource}, and so are the files those central rules name ({@code images.allowlist},
 * {@code images.platforms}: relative to the central file's folder in its project, at the same ref) and a path the
 * central rules extend (a file of their own project). Without a source (offline), or when it cannot read the file,
 * the bundled rules stand in for it and {@link Result#notices()} says so, once.
 *
 * <p>The merged document is validated as one; a problem in it is reported at the file and line that wrote the
 * offending value ({@link RulesMerge.Tracked#origins()}), not in generated text.
 */
public final class RulesChain {
    /** Files in one chain at most, the starting file included. */
    public static final int MAX_DEPTH = 5;
    /** The largest rules file read. */
    public static final long MAX_BYTES = 1 << 20;
    private static final String ID = " [rules-extends]";

    /**
     * The merged rules.
     *
     * @param policy  the rules, with the central allowlists and platforms file read (not the local platforms file:
     *                see {@code Spotlane.policy})
     * @param merged  the merged document
     * @param sources where each part came from, the starting file first
     * @param notices what could not be read and what was used instead, for the caller to say once
     * @param tracked the merged document with the origin of each value
     */
    public record Result(Policy policy, ObjectNode merged, List<String> sources, List<String> notices,
                         RulesMerge.Tracked tracked) {
        /** The merged rules as YAML with a {@code # file:line} comment naming where each value was written. */
        public String effective() {
            return RulesYaml.render(tracked.doc(), RulesYaml.origins(tracked)).text();
        }
    }

    /** The files of the repository the starting rules file belongs to (on disk, or a project read through an API). */
    public interface RepoFiles {
        /**
         * The file at a repository path (relative to its root, normalized, no leading {@code /}), named by that path.
         *
         * @throws NotReadable when it is missing, not a regular file, outside the repository or too large
         */
        Source read(String path) throws IOException, NotReadable;
    }

    /** A repository file that cannot be read as rules; the message says why, without its content. */
    public static final class NotReadable extends Exception {
        private static final long serialVersionUID = 1L;

        public NotReadable(String message) {
            super(message);
        }
    }

    private enum Kind { LOCAL, REMOTE, BUNDLED }

    /** One file of the chain: where it came from. */
    private record Part(Kind kind, String project, String file, String ref) {
    }

    private final RepoFiles repo;
    private final RulesSource remote;
    private final List<String> sources = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private String startName;

    private RulesChain(RepoFiles repo, RulesSource remote) {
        this.repo = repo;
        this.remote = remote;
    }

    /** True when a rules text's root mapping has an {@code extends} key (false when it is no mapping). */
    public static boolean extendsAnother(String text) {
        if (!text.contains("extends")) {
            return false;
        }
        ParseResult parsed = new YamlParser().parse(new Source("rules", text));
        YamlNode root = !parsed.ok() || parsed.file().documents().isEmpty() ? null
                : parsed.file().documents().get(0).root();
        return root != null && root.resolved() instanceof YamlMapping m && m.get("extends") != null;
    }

    /**
     * Loads {@code file} and the chain it extends, from disk.
     *
     * @param file     the starting rules file (the user's own: not confined)
     * @param repoRoot the repository the extended paths are confined to
     * @param remote   reads rules from another project, or null when offline
     */
    public static Result load(Path file, Path repoRoot, RulesSource remote) throws IOException, PolicyException {
        return load(file, file.toString().replace('\\', '/'), repoRoot, remote);
    }

    /** As {@link #load(Path, Path, RulesSource)}, naming the starting file {@code name} in messages. */
    public static Result load(Path file, String name, Path repoRoot, RulesSource remote)
            throws IOException, PolicyException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(repoRoot, "repoRoot");
        Path root = repoRoot.toRealPath();
        Path real = file.toRealPath();
        Path dir = file.toAbsolutePath().getParent();
        // a starting file inside the repository is the repository's: its allowlists must stay inside it too
        Path confine = real.startsWith(root) ? repoRoot.toAbsolutePath().normalize() : null;
        String identity = real.startsWith(root) ? root.relativize(real).toString().replace('\\', '/')
                : real.toString();
        return load(Source.read(file, name), identity,
                dir == null ? Path.of(".") : dir, confine, disk(root), remote);
    }

    /**
     * Central rules given by name rather than by a file ({@code --rules-project}, the lint component's
     * {@code rules_project} input): loaded as a rules file that holds only {@code extends: {project, file, ref}},
     * named {@code name} in messages.
     */
    public static Result loadCentral(String project, String file, String ref, String name, Path repoRoot,
                                     RulesSource remote) throws IOException, PolicyException {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(file, "file");
        ObjectNode spec = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        ObjectNode ext = spec.putObject("extends").put("project", project).put("file", file);
        if (ref != null && !ref.isBlank()) {
            ext.put("ref", ref);
        }
        Path root = repoRoot.toRealPath();
        return load(new Source(name, spec.toString() + "\n"), name, root, root, disk(root), remote);
    }

    /**
     * Loads a rules text and the chain it extends.
     *
     * @param start    the starting rules file
     * @param identity its path in the repository (for cycles), or any unique name when it is not in it
     * @param baseDir  the folder local allowlist and platforms paths resolve against
     * @param confine  the folder those must stay inside, or null when they may be anywhere
     * @param repo     reads the repository's files that {@code extends:} names
     * @param remote   reads rules from another project, or null when offline
     */
    public static Result load(Source start, String identity, Path baseDir, Path confine, RepoFiles repo,
                              RulesSource remote) throws IOException, PolicyException {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(repo, "repo");
        RulesChain chain = new RulesChain(repo, remote);
        chain.startName = start.name();
        Set<String> seen = new HashSet<>();
        seen.add("local:" + identity);
        RulesMerge.Tracked merged = chain.resolve(start, new Part(Kind.LOCAL, null, identity, null), seen, 1);
        String name = start.name() + (chain.sources.size() > 1 ? " (merged with "
                + String.join(", ", chain.sources.subList(1, chain.sources.size())) + ")" : "");
        RulesYaml.Rendered text = RulesYaml.render(merged.doc());
        Policy policy;
        try {
            // an allowlist the central rules wrote is a path in their project, read below: not a local path
            policy = PolicyLoader.load(new Source(name, text.text()), baseDir,
                    chain.partOf(merged, "/images/allowlist") != null ? null : confine);
        } catch (PolicyException e) {
            throw remap(e, name, text, merged);
        }
        policy = chain.centralFiles(policy, merged);
        return new Result(policy, merged.doc(), List.copyOf(chain.sources), List.copyOf(chain.notices), merged);
    }

    /** A problem in the generated merged text, moved to the file and line that wrote the value. */
    private static PolicyException remap(PolicyException e, String name, RulesYaml.Rendered text,
                                         RulesMerge.Tracked merged) {
        List<PolicyException.Problem> out = new ArrayList<>();
        for (PolicyException.Problem p : e.problems()) {
            Location at = p.location();
            if (at.path().equals(name)) {
                String ptr = text.pointer(at.line());
                while (ptr != null && !merged.origins().containsKey(ptr)) {
                    ptr = ptr.isEmpty() ? null : ptr.substring(0, ptr.lastIndexOf('/'));
                }
                if (ptr != null) {
                    at = merged.origins().get(ptr);
                }
            }
            out.add(new PolicyException.Problem(at, p.message()));
        }
        out.sort((a, b) -> a.location().compareTo(b.location()));
        return new PolicyException(out);
    }

    private RulesMerge.Tracked resolve(Source source, Part part, Set<String> seen, int depth)
            throws IOException, PolicyException {
        sources.add(source.name());
        parts.put(source.name(), part);
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
        ObjectNode json = (ObjectNode) YamlJson.toJson(root);
        NavigableMap<String, Location> origins = new TreeMap<>();
        origins(yaml, root, json, "", origins);
        RulesMerge.Tracked own = new RulesMerge.Tracked(json, origins, Set.of());
        YamlNode ext = map.get("extends");
        if (ext == null || part.kind() == Kind.BUNDLED) {
            return own;
        }
        Location at = Location.of(yaml, ext);
        if (depth >= MAX_DEPTH) {
            throw problem(at, "extends: more than " + MAX_DEPTH + " rules files in one chain (" + String.join(" -> ",
                    sources) + ")" + ID);
        }
        JsonNode spec = json.get("extends");
        RulesMerge.Tracked base;
        if (spec.isString() && part.kind() == Kind.LOCAL) {
            base = local(spec.asString(), at, seen, depth);
        } else if (spec.isString()) {
            // central rules extending a path: a file of their own project, at the same ref
            String rel = projectPath(folder(null), spec.asString());
            if (rel == null) {
                throw problem(at, "extends: \"" + spec.asString() + "\" is outside project " + part.project() + ID);
            }
            base = remote(part.project(), rel, part.ref(), at, seen, depth);
        } else if (spec.isObject() && spec.has("project") && spec.has("file")) {
            String file = projectPath(folder(null), spec.get("file").asString());
            if (file == null) {
                throw problem(at, "extends: \"" + spec.get("file").asString() + "\" is not a path in project "
                        + spec.get("project").asString() + ID);
            }
            base = remote(spec.get("project").asString(), file, spec.has("ref") ? spec.get("ref").asString() : null,
                    at, seen, depth);
        } else {
            throw problem(at, "extends: expected a path in the repository or {project, file, ref}" + ID);
        }
        return RulesMerge.merge(base, own);
    }

    /** Records where every value of a document was written, by JSON pointer. */
    private static void origins(YamlFile yaml, YamlNode node, JsonNode json, String ptr,
                                Map<String, Location> out) {
        out.put(ptr, Location.of(yaml, node));
        YamlNode r = node.resolved();
        if (json instanceof ObjectNode o && r instanceof YamlMapping m) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                YamlEntry entry = m.effective().get(e.getKey());
                if (entry != null) {
                    origins(yaml, entry.value(), e.getValue(), ptr + "/" + RulesMerge.escape(e.getKey()), out);
                }
            }
        } else if (json instanceof tools.jackson.databind.node.ArrayNode a && r instanceof YamlSequence s) {
            for (int i = 0; i < a.size() && i < s.items().size(); i++) {
                origins(yaml, s.items().get(i), a.get(i), ptr + "/" + i, out);
            }
        }
    }

    private RulesMerge.Tracked local(String name, Location at, Set<String> seen, int depth)
            throws IOException, PolicyException {
        String rel = projectPath("", name);
        if (rel == null) {
            throw problem(at, "extends: \"" + name + "\" is outside the repository" + ID);
        }
        Source source;
        try {
            source = repo.read(rel);
        } catch (NotReadable e) {
            throw problem(at, "extends: \"" + name + "\"" + e.getMessage() + ID);
        }
        if (!seen.add("local:" + source.name())) {
            throw problem(at, "extends: \"" + name + "\" is already in the chain (a cycle: " + String.join(" -> ",
                    sources) + " -> " + rel + ")" + ID);
        }
        return resolve(source, new Part(Kind.LOCAL, null, source.name(), null), seen, depth + 1);
    }

    private RulesMerge.Tracked remote(String project, String file, String ref, Location at, Set<String> seen,
                                      int depth) throws IOException, PolicyException {
        String where = where(project, file, ref);
        if (!seen.add("remote:" + where)) {
            throw problem(at, "extends: \"" + where + "\" is already in the chain (a cycle: " + String.join(" -> ",
                    sources) + " -> " + where + ")" + ID);
        }
        String why;
        if (remote != null) {
            try {
                String text = remote.read(project, file, ref);
                if (text.length() > MAX_BYTES) {
                    throw problem(at, "extends: \"" + where + "\" is larger than the limit " + MAX_BYTES + ID);
                }
                return resolve(new Source(where, text), new Part(Kind.REMOTE, project, file, ref), seen, depth + 1);
            } catch (RulesSource.Unavailable e) {
                why = e.getMessage();
            }
        } else {
            why = "no GitLab URL or token: in CI spotlane uses CI_API_V4_URL and CI_JOB_TOKEN, outside give"
                    + " --gitlab-url and --token-env";
        }
        notices.add("the central rules \"" + where + "\" could not be read (" + why + "); using "
                + String.join(" over ", sources) + " over the bundled rules instead");
        return resolve(new Source(PolicyLoader.BUNDLED, PolicyLoader.bundledText()),
                new Part(Kind.BUNDLED, null, null, null), seen, depth + 1);
    }

    /**
     * The allowlists and platforms file the central rules name, read from their project at the same ref: the
     * policy's paths for them become keys of {@link ImagePolicy#central()}.
     */
    private Policy centralFiles(Policy policy, RulesMerge.Tracked merged) throws IOException, PolicyException {
        ImagePolicy images = policy.images();
        List<Path> lists = images.allowlist();
        Path platforms = images.platforms();
        Map<Path, ImagePolicy.CentralFile> read = new LinkedHashMap<>();
        JsonNode img = merged.doc().get("images");
        Part listPart = partOf(merged, "/images/allowlist");
        if (listPart != null && img != null && img.get("allowlist") != null) {
            lists = new ArrayList<>();
            JsonNode values = img.get("allowlist");
            for (int i = 0; i < values.size(); i++) {
                lists.add(centralFile(listPart, values.get(i).asString(),
                        merged.origins().get("/images/allowlist/" + i), "allowlist", read));
            }
        }
        Part platformsPart = partOf(merged, "/images/platforms");
        if (platformsPart != null && img != null && img.get("platforms") != null) {
            platforms = centralFile(platformsPart, img.get("platforms").asString(),
                    merged.origins().get("/images/platforms"), "platforms file", read);
        }
        if (read.isEmpty()) {
            return policy;
        }
        return new Policy(policy.source(), policy.routing(), images.withCentral(lists, platforms, read),
                policy.fleet(), policy.checkSeverities(), policy.sections(), policy.platforms(),
                policy.assumeComplete());
    }

    /** The central part that wrote a value, or null when a local file or the bundled rules did. */
    private Part partOf(RulesMerge.Tracked merged, String ptr) {
        Location at = merged.origins().get(ptr);
        Part p = at == null ? null : parts.get(at.path());
        return p != null && p.kind() == Kind.REMOTE ? p : null;
    }

    private Path centralFile(Part part, String value, Location at, String what,
                             Map<Path, ImagePolicy.CentralFile> read) throws IOException, PolicyException {
        String rel = projectPath(folder(part.file()), value);
        if (rel == null) {
            throw problem(at, "images: " + what + " \"" + value + "\" is outside project " + part.project()
                    + "; not read" + ID);
        }
        String name = where(part.project(), rel, part.ref());
        Path key = Path.of(".spotlane-central", part.project(), part.ref() == null ? "HEAD" : part.ref(), rel);
        String text = null;
        try {
            text = remote.read(part.project(), rel, part.ref());
            if (text.length() > MAX_BYTES) {
                throw new RulesSource.Unavailable("larger than the limit " + MAX_BYTES);
            }
        } catch (RulesSource.Unavailable e) {
            text = null;
            notices.add("the " + what + " \"" + name + "\" named by the central rules could not be read ("
                    + e.getMessage() + "); " + ("allowlist".equals(what)
                    ? "image-not-in-allowlist has no allowlist to check images against"
                    : "image platforms are not known: image-not-arm64 and routing see only what the pipeline says"));
        }
        read.put(key, new ImagePolicy.CentralFile(name, text));
        return key;
    }

    /** {@code project:file@ref}, without {@code @ref} for the default branch. */
    private static String where(String project, String file, String ref) {
        return project + ":" + file + (ref == null ? "" : "@" + ref);
    }

    private static String folder(String file) {
        if (file == null) {
            return "";
        }
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash + 1);
    }

    /**
     * A path as written, relative to {@code dir} (a leading {@code /}: to the root), normalized; null when it leaves
     * the root or is no path.
     */
    static String projectPath(String dir, String written) {
        String joined = written.startsWith("/") ? written.substring(1) : dir + written;
        List<String> out = new ArrayList<>();
        for (String seg : joined.split("/", -1)) {
            if (seg.isEmpty() || ".".equals(seg)) {
                continue;
            }
            if ("..".equals(seg)) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else if (seg.indexOf('\0') >= 0 || seg.indexOf('\\') >= 0) {
                return null;
            } else {
                out.add(seg);
            }
        }
        return out.isEmpty() ? null : String.join("/", out);
    }

    /** The repository on disk: confined, regular files only, size-checked, named by their real path in it. */
    public static RepoFiles disk(Path realRoot) {
        return rel -> {
            Path target;
            try {
                target = realRoot.resolve(rel).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new NotReadable(" is not a path");
            }
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
                throw new NotReadable(": no such file in the repository");
            }
            Path real;
            try {
                real = target.toRealPath();
            } catch (IOException e) {
                throw new NotReadable(": no such file in the repository");
            }
            if (!real.startsWith(realRoot)) {
                throw new NotReadable(" is outside the repository");
            }
            if (!Files.isRegularFile(real)) {
                throw new NotReadable(" is not a regular file");
            }
            long size = Files.size(real);
            if (size > MAX_BYTES) {
                throw new NotReadable(" is " + size + " bytes, more than the limit " + MAX_BYTES);
            }
            return Source.read(real, realRoot.relativize(real).toString().replace('\\', '/'));
        };
    }

    private static PolicyException problem(Location at, String message) {
        return new PolicyException(List.of(new PolicyException.Problem(at, message)));
    }
}
