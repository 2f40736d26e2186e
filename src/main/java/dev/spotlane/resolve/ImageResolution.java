package dev.spotlane.resolve;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.ImageRefMemo;
import dev.spotlane.model.ImageUse;
import dev.spotlane.model.Location;
import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.yaml.YamlFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every image a resolved pipeline pulls: each job's {@code image} and {@code services} with the job's variables
 * (global, own, and each {@code parallel:matrix} combination, plus any the user supplies) expanded as the Runner
 * would, plus images written only in templates, {@code default:} or included files no job reaches.
 */
public final class ImageResolution {
    /** GitLab allows at most 200 matrix permutations per job. */
    static final int MAX_COMBINATIONS = 200;

    private ImageResolution() {
    }

    public static List<ResolvedImage> of(ResolvedPipeline pipeline, Map<String, String> userVariables) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(userVariables, "userVariables");
        Set<String> seen = new HashSet<>();
        List<ResolvedImage> out = new ArrayList<>();
        Set<Location> expandedHere = new HashSet<>();
        ImageRefMemo refs = new ImageRefMemo();
        for (ResolvedJob job : pipeline.jobs().values()) {
            if (job.isTrigger()) {
                continue;
            }
            for (Map<String, String> vars : combinations(job, userVariables)) {
                RNode image = job.get("image");
                if (image != null) {
                    add(out, seen, expandedHere, refs, image, ImageKind.IMAGE, vars, job.name());
                }
                if (job.get("services") instanceof RList services) {
                    for (RNode s : services.items()) {
                        add(out, seen, expandedHere, refs, s, ImageKind.SERVICE, vars, job.name());
                    }
                }
            }
        }
        Map<String, String> globals = new LinkedHashMap<>();
        if (pipeline.config().get("variables") instanceof RMap v) {
            v.entries().forEach((k, n) -> {
                String value = Variables.valueOf(n);
                if (value != null) {
                    globals.put(k, value);
                }
            });
        }
        globals.putAll(userVariables);
        for (YamlFile file : pipeline.files()) {
            for (ImageUse use : Pipeline.of(file).imageUses()) {
                if (expandedHere.contains(use.location())) {
                    continue; // listed above with the job that uses it
                }
                String expanded = Variables.expand(use.ref().original(), globals);
                String key = use.kind() + "\u0000" + expanded + "\u0000" + use.location();
                if (seen.add(key)) {
                    out.add(new ResolvedImage(refs.parse(expanded), use.ref().original(), use.kind(),
                            use.location(), Variables.referenced(expanded), null));
                }
            }
        }
        return out;
    }

    private static void add(List<ResolvedImage> out, Set<String> seen, Set<Location> expandedHere,
                            ImageRefMemo refs, RNode value, ImageKind kind, Map<String, String> vars,
                            String job) {
        RNode name = value instanceof RMap m ? m.get("name") : value;
        if (!(name instanceof RScalar s) || s.value() == null) {
            return;
        }
        Location at = s.origin().location();
        String expanded = Variables.expand(s.value(), vars);
        // a job reached this place: the per-file pass below must not list it again with only global variables
        expandedHere.add(at);
        if (seen.add(job + "\u0000" + kind + "\u0000" + expanded + "\u0000" + at)) {
            out.add(new ResolvedImage(refs.parse(expanded), s.value(), kind, at, Variables.referenced(expanded),
                    job));
        }
    }

    /** The job's variables for each {@code parallel:matrix} combination (one map when there is no matrix). */
    public static List<Map<String, String>> combinations(ResolvedJob job, Map<String, String> userVariables) {
        Map<String, String> base = new LinkedHashMap<>(job.variables());
        base.putAll(userVariables);
        List<Map<String, String>> out = new ArrayList<>();
        RNode matrix = job.get("parallel") instanceof RMap p ? p.get("matrix") : null;
        if (!(matrix instanceof RList rows) || rows.items().isEmpty()) {
            out.add(base);
            return out;
        }
        Set<Map<String, String>> unique = new LinkedHashSet<>();
        for (RNode row : rows.items()) {
            if (!(row instanceof RMap r)) {
                continue;
            }
            List<Map<String, String>> partial = new ArrayList<>();
            partial.add(new LinkedHashMap<>());
            for (Map.Entry<String, RNode> e : r.entries().entrySet()) {
                List<String> values = new ArrayList<>();
                if (e.getValue() instanceof RList l) {
                    l.items().forEach(i -> values.add(Variables.valueOf(i)));
                } else {
                    values.add(Variables.valueOf(e.getValue()));
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> p : partial) {
                    for (String v : values) {
                        Map<String, String> m = new LinkedHashMap<>(p);
                        if (v != null) {
                            m.put(e.getKey(), v);
                        }
                        next.add(m);
                    }
                }
                partial = next.size() > MAX_COMBINATIONS ? next.subList(0, MAX_COMBINATIONS) : next;
            }
            for (Map<String, String> p : partial) {
                Map<String, String> m = new LinkedHashMap<>(base);
                m.putAll(p);
                m.putAll(userVariables);
                unique.add(m);
            }
        }
        out.addAll(unique);
        return out;
    }
}
