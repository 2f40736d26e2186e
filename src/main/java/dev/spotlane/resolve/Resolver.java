package dev.spotlane.resolve;

import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Resolves a pipeline the way GitLab does, in GitLab's order: includes (merged in order, main file last),
 * {@code extends}, {@code !reference}, then {@code default:} (and deprecated top-level {@code image},
 * {@code services}, {@code cache}, {@code before_script}, {@code after_script}) for keywords a job still lacks,
 * honouring {@code inherit:}.
 */
public final class Resolver {
    /** Keywords {@code default:} may set. */
    public static final Set<String> DEFAULT_KEYWORDS = Set.of("after_script", "artifacts", "before_script", "cache",
            "hooks", "id_tokens", "image", "interruptible", "retry", "services", "tags", "timeout");
    /** Deprecated top-level keywords that act as defaults. */
    static final List<String> DEPRECATED_GLOBALS = List.of("image", "services", "cache", "before_script",
            "after_script");
    /** Lists GitLab flattens (script lines from anchors and !reference). */
    static final Set<String> FLATTENED = Set.of("script", "before_script", "after_script", "rules",
            "pre_get_sources_script");

    /** Errors that an include spotlane could not read may explain: reported as notes when includes are missing. */
    static final Set<String> MAYBE_IN_UNRESOLVED = Set.of("extends-unknown", "reference-not-found", "stage-unknown");

    private final YamlParser parser;

    public Resolver() {
        this(new YamlParser());
    }

    public Resolver(YamlParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Resolves a parsed main file.
     *
     * @param main   the parsed {@code .gitlab-ci.yml}
     * @param source where includes come from
     * @param path   the main file's path inside the source (for include cycles)
     */
    public ResolvedPipeline resolve(YamlFile main, IncludeSource source, String path) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(source, "source");
        List<Diagnostic> diagnostics = new ArrayList<>();
        Consumer<Diagnostic> report = diagnostics::add; // one method reference for every part, linked once
        ExpansionBudget budget = new ExpansionBudget(ExpansionBudget.DEFAULT_LIMIT);
        IncludeExpander expander = new IncludeExpander(parser, report, budget);
        GitLabShape shape = new GitLabShape(report);
        boolean hasConfig = shape.mainFile(main);
        RMap merged = expander.expandRoot(main, source, path);
        if (merged == null) {
            merged = new RMap(Map.of(), new Origin(main, main.documents().isEmpty() || main.documents().get(0)
                    .root() == null ? placeholder(main) : main.documents().get(0).root(), "own key"));
        }
        RMap config = new References(extendAll(merged, diagnostics), report, budget)
                .resolveRoot();
        RMap defaults = defaults(config, diagnostics);
        Map<String, RNode> globalVars = config.get("variables") instanceof RMap v ? v.entries() : Map.of();
        Map<String, ResolvedJob> jobs = new LinkedHashMap<>();
        Map<String, RMap> templates = new LinkedHashMap<>();
        for (String key : config.entries().keySet()) {
            if (Pipeline.GLOBAL_KEYWORDS.contains(key)) {
                continue;
            }
            if (!(config.get(key) instanceof RMap body)) {
                continue;
            }
            if (key.startsWith(".")) {
                templates.put(key, flatten(body, null, null));
                continue;
            }
            RNode inherit = body.get("inherit");
            if (!body.has("trigger")) {
                body = applyDefaults(body, defaults, inherit instanceof RMap i ? i.get("default") : null);
            }
            matrixLimit(key, body, diagnostics);
            jobs.put(key, new ResolvedJob(key, flatten(body, key, report),
                    inherited(globalVars, inherit instanceof RMap i ? i.get("variables") : null)));
        }
        JobRules.check(config, jobs, report);
        boolean incomplete = diagnostics.stream().anyMatch(d -> d.kind().equals("include-unresolved"));
        expander.files().forEach(shape::tree);
        if (hasConfig) {
            shape.jobs(config, main, incomplete || diagnostics.stream().anyMatch(Diagnostic::error));
        }
        List<Diagnostic> out = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            out.add(incomplete && d.error() && MAYBE_IN_UNRESOLVED.contains(d.kind())
                    ? new Diagnostic(d.location(), d.id(), false, d.message()
                            + " (it may be defined in an include spotlane did not resolve)", d.kind())
                    : d);
        }
        // a value reached along several paths (a !reference chain, a shared parent) reports its problem once
        diagnostics = new ArrayList<>(new LinkedHashSet<>(out));
        Collections.sort(diagnostics);
        return new ResolvedPipeline(config, jobs, templates, expander.files(), expander.mergeOrder(),
                expander.editable(), expander.includes(), diagnostics);
    }

    /**
     * GitLab refuses a {@code parallel:matrix} that generates more than 200 jobs ({@code Entry::Product::Matrix},
     * {@code PARALLEL_LIMIT = 200} in lib/gitlab/ci/config/entry/product/parallel.rb: "generates too many jobs
     * (maximum is 200)"); spotlane's image discovery expands at most that many, so past it is an error, not a silent
     * cut.
     */
    private static void matrixLimit(String job, RMap body, List<Diagnostic> diagnostics) {
        if (!(body.get("parallel") instanceof RMap parallel) || !(parallel.get("matrix") instanceof RList rows)) {
            return;
        }
        long total = 0;
        for (RNode row : rows.items()) {
            if (!(row instanceof RMap r)) {
                continue;
            }
            long product = 1;
            for (RNode values : r.entries().values()) {
                product *= values instanceof RList l ? l.items().size() : 1;
                product = Math.min(product, Integer.MAX_VALUE);
            }
            total = Math.min(total + product, Integer.MAX_VALUE);
        }
        if (total > ImageResolution.MAX_COMBINATIONS) {
            diagnostics.add(new Diagnostic(rows.origin().location(), "config-invalid", true, "job \"" + job
                    + "\": parallel:matrix config generates " + total + " jobs, more than GitLab's maximum of "
                    + ImageResolution.MAX_COMBINATIONS));
        }
    }

    /** Every top-level entry with its {@code extends} applied (GitLab's {@code Config::Extendable}). */
    private static RMap extendAll(RMap merged, List<Diagnostic> diagnostics) {
        Extends ext = new Extends(merged, diagnostics::add);
        Map<String, RNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, RNode> e : merged.entries().entrySet()) {
            RNode value = e.getValue();
            if (!Pipeline.GLOBAL_KEYWORDS.contains(e.getKey()) && value instanceof RMap) {
                value = ext.extend(e.getKey());
            }
            out.put(e.getKey(), value);
        }
        return new RMap(out, merged.origin());
    }

    private static dev.spotlane.yaml.YamlNode placeholder(YamlFile main) {
        return new dev.spotlane.yaml.YamlScalar(dev.spotlane.yaml.Span.at(0), dev.spotlane.yaml.Span.at(0), null,
                null, "", dev.spotlane.yaml.ScalarStyle.PLAIN);
    }

    /**
     * {@code default:} plus deprecated top-level keywords it does not set; a keyword set in both places is an error,
     * as in GitLab's {@code Entry::Default}.
     */
    private static RMap defaults(RMap config, List<Diagnostic> diagnostics) {
        LinkedHashMap<String, RNode> out = new LinkedHashMap<>();
        if (config.get("default") instanceof RMap d) {
            d.entries().forEach((k, v) -> out.put(k, v.via("default")));
        }
        for (String k : DEPRECATED_GLOBALS) {
            RNode top = config.get(k);
            if (top == null || top instanceof RScalar s && s.isNull()) {
                continue;
            }
            if (out.get(k) == null || out.get(k) instanceof RScalar s && s.isNull()) {
                out.put(k, top.via("top-level " + k + " (deprecated)"));
            } else {
                diagnostics.add(new Diagnostic(top.origin().location(), "default-conflict", true,
                        k + " is defined in top-level and `default:` entry"));
            }
        }
        return RMap.owning(out, config.origin());
    }

    private static RMap applyDefaults(RMap job, RMap defaults, RNode inheritDefault) {
        LinkedHashMap<String, RNode> out = null;
        for (Map.Entry<String, RNode> d : defaults.entries().entrySet()) {
            String k = d.getKey();
            if (!DEFAULT_KEYWORDS.contains(k) || !inherits(inheritDefault, k)) {
                continue;
            }
            RNode own = job.get(k);
            if (own == null || own instanceof RScalar s && s.isNull()) {
                if (out == null) {
                    out = new LinkedHashMap<>(job.entries());
                }
                out.put(k, d.getValue());
            }
        }
        return out == null ? job : RMap.owning(out, job.origin());
    }

    /** {@code inherit: default|variables:} true (or absent), false, or a list of names. */
    private static boolean inherits(RNode setting, String name) {
        if (setting == null) {
            return true;
        }
        if (setting instanceof RScalar s) {
            return !"false".equals(s.value());
        }
        if (setting instanceof RList l) {
            return l.items().stream().anyMatch(i -> i instanceof RScalar s && name.equals(s.value()));
        }
        return true;
    }

    private static Map<String, RNode> inherited(Map<String, RNode> globals, RNode setting) {
        if (setting == null) {
            return globals;
        }
        Map<String, RNode> out = new LinkedHashMap<>();
        globals.forEach((k, v) -> {
            if (inherits(setting, k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** GitLab's {@code Entry::Commands} nesting limit ({@code string_or_nested_array_of_strings, max_level: 10}). */
    static final int MAX_SCRIPT_NESTING = 10;
    /** The keywords GitLab validates as {@code Entry::Commands}. */
    private static final Set<String> COMMANDS = Set.of("script", "before_script", "after_script");

    /**
     * Flattens nested lists in script-like keywords, as GitLab does for anchors and {@code !reference}; a job's
     * script nested more than {@value #MAX_SCRIPT_NESTING} levels deep is an error (reported when {@code report} is
     * given; hidden jobs are not validated by GitLab).
     */
    static RMap flatten(RMap map, String job, java.util.function.Consumer<Diagnostic> report) {
        LinkedHashMap<String, RNode> out = null;
        for (Map.Entry<String, RNode> e : map.entries().entrySet()) {
            RNode v = e.getValue();
            RNode nv = v;
            if (FLATTENED.contains(e.getKey()) && v instanceof RList l) {
                if (report != null && COMMANDS.contains(e.getKey()) && depth(l) > MAX_SCRIPT_NESTING) {
                    report.accept(new Diagnostic(l.origin().location(), "config-invalid", true, "jobs:" + job + ":"
                            + e.getKey() + " config should be a string or a nested array of strings up to "
                            + MAX_SCRIPT_NESTING + " levels deep"));
                }
                nv = flatList(l);
            } else if (v instanceof RMap m) {
                nv = flatten(m, null, null);
            }
            if (nv != v) {
                if (out == null) {
                    out = new LinkedHashMap<>(map.entries());
                }
                out.put(e.getKey(), nv);
            }
        }
        return out == null ? map : RMap.owning(out, map.origin());
    }

    /** How many lists deep a value nests (a flat list is 1), bounded: stops counting past the limit. */
    private static int depth(RList list) {
        int max = 1;
        for (RNode i : list.items()) {
            if (i instanceof RList inner) {
                max = Math.max(max, 1 + Math.min(depth(inner), MAX_SCRIPT_NESTING + 1));
                if (max > MAX_SCRIPT_NESTING) {
                    return max;
                }
            }
        }
        return max;
    }

    private static RList flatList(RList list) {
        if (list.items().stream().noneMatch(i -> i instanceof RList)) {
            return list;
        }
        List<RNode> out = new ArrayList<>();
        flattenInto(list, out, 0);
        return new RList(out, list.origin());
    }

    private static void flattenInto(RList list, List<RNode> out, int depth) {
        for (RNode i : list.items()) {
            if (i instanceof RList inner && depth < 10) {
                flattenInto(inner, out, depth + 1);
            } else {
                out.add(i);
            }
        }
    }
}
