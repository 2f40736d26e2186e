package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Expands {@code include:} the way GitLab does: each included file is expanded (its own includes first), the
 * results are deep-merged in the order listed (later wins), and the including file's own content is merged last.
 */
final class IncludeExpander {
    /** GitLab's default for {@code ci_max_includes}. */
    static final int MAX_INCLUDES = 150;

    private final YamlParser parser;
    private final Consumer<Diagnostic> report;
    private final List<YamlFile> files = new ArrayList<>();
    private final List<YamlFile> mergeOrder = new ArrayList<>();
    private final List<YamlFile> editable = new ArrayList<>();
    private IncludeSource rootSource;
    private final List<IncludeRecord> includes = new ArrayList<>();
    private final Deque<String> chain = new ArrayDeque<>();
    private int count;
    private boolean limitReported;
    /** The component whose template {@link #file} is about to read (for {@code $[[ component.x ]]}). */
    private ComponentPath pendingComponent;

    /** One include as resolved: where it was written, what it named, and what became of it. */
    record IncludeRecord(Location location, String kind, String target, String outcome) {
    }

    IncludeExpander(YamlParser parser, Consumer<Diagnostic> report) {
        this.parser = parser;
        this.report = report;
    }

    List<YamlFile> files() {
        return files;
    }

    /** Files in the order their content was merged: each after its own includes, the main file last. */
    List<YamlFile> mergeOrder() {
        return mergeOrder;
    }

    /** Files of the project being resolved (not of other projects or components): the ones a fix may edit. */
    List<YamlFile> editable() {
        return editable;
    }

    List<IncludeRecord> includes() {
        return includes;
    }

    /** Expands an already parsed top-level file. */
    RMap expandRoot(YamlFile file, IncludeSource source, String path) {
        rootSource = source;
        chain.push(key(source, path));
        try {
            return expandParsed(file, source, Inputs.defaults(file, Pipeline.of(file).spec().orElse(null), report),
                    null);
        } finally {
            chain.pop();
        }
    }

    private static String key(IncludeSource source, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return source.label() + ":" + p;
    }

    /** @param component the component this file is the template of, or null */
    private RMap expandParsed(YamlFile file, IncludeSource source, Map<String, Object> inputs,
                              ComponentPath component) {
        files.add(file);
        if (source == rootSource) {
            editable.add(file);
        }
        Pipeline pipeline = Pipeline.of(file);
        pipeline.problems().forEach(p -> report.accept(new Diagnostic(p.location(), "config-format", true,
                p.message())));
        YamlMapping config = pipeline.config().orElse(null);
        if (config == null) {
            return null;
        }
        Interpolator interpolator = pipeline.header().isPresent() || !inputs.isEmpty()
                ? new Interpolator(inputs, ComponentContext.of(file, pipeline.spec().orElse(null), component,
                        report), report) : null;
        RMap tree = (RMap) new ConfigTree(file, interpolator).convert(config, "own key");
        RMap merged = null;
        RNode include = tree.get("include");
        if (include != null) {
            for (RNode entry : entries(include)) {
                RMap sub = expandEntry(entry, source);
                if (sub != null) {
                    merged = DeepMerge.merge(merged, sub);
                }
            }
            Map<String, RNode> own = new LinkedHashMap<>(tree.entries());
            own.remove("include");
            tree = new RMap(own, tree.origin());
        }
        mergeOrder.add(file);
        return DeepMerge.merge(merged, tree);
    }

    private static List<RNode> entries(RNode include) {
        return include instanceof RList l ? l.items() : List.of(include);
    }

    private RMap expandEntry(RNode entry, IncludeSource source) {
        Location at = entry.origin().location();
        RMap spec;
        if (entry instanceof RScalar s && s.value() != null) {
            String v = s.value();
            spec = new RMap(Map.of(v.startsWith("https://") || v.startsWith("http://") ? "remote" : "local", s),
                    s.origin());
        } else if (entry instanceof RMap m) {
            spec = m;
        } else {
            report.accept(new Diagnostic(at, "include-invalid", true,
                    "include entry must be a path or a mapping with local, project, remote, template or component"));
            return null;
        }
        if (spec.has("rules") && !rulesInclude(spec.get("rules"), source, at)) {
            return null;
        }
        RMap inputs = spec.get("inputs") instanceof RMap m ? m : null;
        if (spec.has("local")) {
            return local(text(spec.get("local")), source, inputs, at);
        }
        if (spec.has("project")) {
            return project(spec, source, inputs, at);
        }
        if (spec.has("component")) {
            return component(text(spec.get("component")), source, inputs, at);
        }
        if (spec.has("remote")) {
            unresolved(at, "remote", text(spec.get("remote")), "remote include \"" + text(spec.get("remote"))
                    + "\" was not fetched (remote includes are never fetched offline)");
            return null;
        }
        if (spec.has("template")) {
            unresolved(at, "template", text(spec.get("template")), "template include \""
                    + text(spec.get("template")) + "\" was not resolved (GitLab ships its templates)");
            return null;
        }
        report.accept(new Diagnostic(at, "include-invalid", true,
                "include entry needs one of local, project, remote, template or component"));
        return null;
    }

    private void unresolved(Location at, String kind, String target, String message) {
        includes.add(new IncludeRecord(at, kind, target, "not resolved"));
        report.accept(new Diagnostic(at, "include-unresolved", false, message));
    }

    private static String text(RNode n) {
        return n instanceof RScalar s && s.value() != null ? s.value() : "";
    }

    /**
     * Evaluates include {@code rules:} statically: {@code exists} against the source; {@code if}/{@code changes}
     * cannot be, so a rule with them is taken to match (or, with {@code when: never}, not to match, so the include
     * stays possible) and the include is reported as conditional.
     */
    private boolean rulesInclude(RNode rules, IncludeSource source, Location at) {
        if (!(rules instanceof RList list)) {
            return true;
        }
        boolean conditional = false;
        for (RNode r : list.items()) {
            if (!(r instanceof RMap rule)) {
                continue;
            }
            boolean never = "never".equals(text(rule.get("when")));
            if (rule.has("exists") && !anyExists(rule.get("exists"), source)) {
                continue;
            }
            if (rule.has("if") || rule.has("changes")) {
                conditional = true;
                if (never) {
                    continue;
                }
                return conditional(at, true);
            }
            return conditional ? conditional(at, !never) : !never;
        }
        if (conditional) {
            conditional(at, false);
        }
        includes.add(new IncludeRecord(at, "rules", "", "skipped: no rule matched"));
        return false;
    }

    private boolean conditional(Location at, boolean included) {
        report.accept(new Diagnostic(at, "include-conditional", false, "include depends on rules that are known only"
                + " when the pipeline runs; resolved as " + (included ? "included" : "not included")));
        return included;
    }

    private static boolean anyExists(RNode exists, IncludeSource source) {
        RNode paths = exists instanceof RMap m ? m.get("paths") : exists;
        List<RNode> items = paths instanceof RList l ? l.items() : paths == null ? List.of() : List.of(paths);
        for (RNode p : items) {
            String path = text(p);
            try {
                if (Glob.isGlob(path) ? !source.glob(path).isEmpty() : source.exists(path)) {
                    return true;
                }
            } catch (IncludeException e) {
                // an unreadable pattern matches nothing
            }
        }
        return false;
    }

    private RMap local(String path, IncludeSource source, RMap inputs, Location at) {
        if (path.isEmpty()) {
            report.accept(new Diagnostic(at, "include-invalid", true, "include:local needs a path"));
            return null;
        }
        if (notAPath(path, at)) {
            return null;
        }
        List<String> paths;
        if (Glob.isGlob(path)) {
            String self = chain.peek();
            try {
                // as GitLab: every match is included (and must be YAML), except the including file itself
                paths = source.glob(path).stream().filter(p -> !key(source, p).equals(self)).toList();
            } catch (IncludeException e) {
                report.accept(new Diagnostic(at, "include-not-found", true, e.getMessage()));
                return null;
            }
            if (paths.isEmpty()) {
                // GitLab includes nothing for a wildcard that matches nothing, without an error
                report.accept(new Diagnostic(at, "include-no-match", false,
                        "included file \"" + path + "\" does not match any file: nothing included"));
                return null;
            }
        } else {
            paths = List.of(path);
        }
        RMap merged = null;
        for (String p : paths) {
            if (!yaml(p)) {
                report.accept(new Diagnostic(at, "include-invalid", true,
                        "included file \"" + p + "\" does not have yaml extension"));
                continue;
            }
            RMap sub = file(p, source, inputs, at, "local");
            if (sub != null) {
                merged = DeepMerge.merge(merged, sub);
            }
        }
        return merged;
    }

    private static boolean yaml(String path) {
        return path.endsWith(".yml") || path.endsWith(".yaml");
    }

    private RMap project(RMap spec, IncludeSource source, RMap inputs, Location at) {
        String project = text(spec.get("project"));
        String ref = spec.has("ref") ? text(spec.get("ref")) : null;
        RNode fileNode = spec.get("file");
        List<String> paths = new ArrayList<>();
        if (fileNode instanceof RList l) {
            l.items().forEach(i -> paths.add(text(i)));
        } else if (fileNode != null) {
            paths.add(text(fileNode));
        }
        Optional<IncludeSource> other = source.project(project, ref);
        if (other.isEmpty()) {
            unresolved(at, "project", project, "project include \"" + project + "\"" + (ref == null ? "" : " at \""
                    + ref + "\"") + " was not resolved (map it to a local folder with --project " + project
                    + "=DIR)");
            return null;
        }
        RMap merged = null;
        for (String p : paths) {
            RMap sub = file(p, other.get(), inputs, at, "project");
            if (sub != null) {
                merged = DeepMerge.merge(merged, sub);
            }
        }
        return merged;
    }

    /**
     * {@code host/group/project/name@version}, with the known variables expanded: a component of the project being
     * resolved ({@code $CI_PROJECT_PATH}, or the {@code CI_PROJECT_PATH} given with {@code --var}) comes from the
     * checkout itself; another project's when it maps to a local folder.
     */
    private RMap component(String component, IncludeSource source, RMap inputs, Location at) {
        Map<String, String> variables = rootSource.variables();
        Optional<ComponentPath> parsed = ComponentPath.parse(component, variables);
        if (parsed.isEmpty()) {
            report.accept(new Diagnostic(at, "include-invalid", true,
                    "component \"" + component + "\" is not host/project/name@version"));
            return null;
        }
        ComponentPath c = parsed.get();
        Optional<IncludeSource> other = c.ofThisProject(variables) ? Optional.of(rootSource)
                : source.project(c.project(), c.ref());
        if (other.isEmpty()) {
            // the host and the ref do not matter for a local folder; a variable in the project path does
            Optional<String> unknown = c.unknownProjectVariable();
            unresolved(at, "component", component, "component \"" + component + "\" was not resolved ("
                    + (unknown.isPresent() ? "its project path uses \"$" + unknown.get() + "\": give it with --var "
                    + unknown.get() + "=VALUE, or --var CI_PROJECT_PATH=GROUP/PROJECT when it is this project"
                    : "map its project to a local folder with --project " + c.project() + "=DIR") + ")");
            return null;
        }
        String name = c.name();
        String file = other.get().exists("templates/" + name + ".yml") ? "templates/" + name + ".yml"
                : "templates/" + name + "/template.yml";
        pendingComponent = c;
        return file(file, other.get(), inputs, at, "component");
    }

    /** A path no file system can hold (a NUL or another control character): an include error, not a crash. */
    private boolean notAPath(String path, Location at) {
        int bad = -1;
        for (int i = 0; i < path.length() && bad < 0; i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                bad = i;
            }
        }
        if (bad < 0) {
            return false;
        }
        StringBuilder shown = new StringBuilder();
        path.codePoints().limit(120).forEach(c -> shown.append(c < 0x20 || c == 0x7f
                ? String.format(java.util.Locale.ROOT, "\\u%04x", c) : new String(Character.toChars(c))));
        report.accept(new Diagnostic(at, "include-invalid", true, "included file \"" + shown
                + "\" is not a valid path: it holds the control character U+"
                + String.format(java.util.Locale.ROOT, "%04X", (int) path.charAt(bad))));
        return true;
    }

    private RMap file(String path, IncludeSource source, RMap inputs, Location at, String kind) {
        ComponentPath component = pendingComponent;
        pendingComponent = null;
        if (notAPath(path, at)) {
            return null;
        }
        if (++count > MAX_INCLUDES) {
            if (!limitReported) {
                limitReported = true;
                report.accept(new Diagnostic(at, "include-limit", true,
                        "maximum of " + MAX_INCLUDES + " nested includes are allowed"));
            }
            return null;
        }
        String key = key(source, path);
        if (chain.contains(key)) {
            List<String> cycle = new ArrayList<>(chain);
            Collections.reverse(cycle);
            cycle.add(key);
            report.accept(new Diagnostic(at, "include-cycle", true, "include cycle: "
                    + String.join(" -> ", cycle.stream().map(IncludeExpander::shortKey).toList())));
            return null;
        }
        Source src;
        try {
            src = source.read(path);
        } catch (java.nio.file.InvalidPathException e) {
            report.accept(new Diagnostic(at, "include-invalid", true, "included file \"" + path
                    + "\" is not a valid path"));
            return null;
        } catch (IncludeException e) {
            report.accept(new Diagnostic(at, "include-not-found", true, e.getMessage()));
            return null;
        }
        ParseResult parsed = parser.parse(src);
        if (!parsed.ok()) {
            report.accept(new Diagnostic(new Location(parsed.error().file(), parsed.error().position().line(),
                    parsed.error().position().column()), "yaml-syntax", true, parsed.error().message()));
            return null;
        }
        includes.add(new IncludeRecord(at, kind, src.name(), "resolved"));
        Map<String, Object> values = Inputs.values(parsed.file(), Pipeline.of(parsed.file()).spec().orElse(null), inputs, at,
                report);
        chain.push(key);
        try {
            return expandParsed(parsed.file(), source, values, component);
        } finally {
            chain.pop();
        }
    }

    private static String shortKey(String key) {
        return key.startsWith(":") ? key.substring(1) : key;
    }
}
