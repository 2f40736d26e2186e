package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RRef;
import dev.spotlane.resolve.RNode.RScalar;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resolves {@code !reference [key, key...]} against the merged configuration (after includes and {@code extends},
 * as GitLab's {@code Config#build_config} does): nested references up to {@value #MAX_DEPTH} levels, circular chains and missing
 * targets reported at the tag.
 */
final class References {
    static final int MAX_DEPTH = 10;
    /** Keywords whose value is commands: a string or nested lists of strings. */
    private static final java.util.Set<String> SCRIPTS = java.util.Set.of("script", "before_script", "after_script",
            "pre_get_sources_script");

    private final RMap root;
    private final Consumer<Diagnostic> report;
    private final Map<RRef, Boolean> inProgress = new IdentityHashMap<>();

    References(RMap root, Consumer<Diagnostic> report) {
        this.root = root;
        this.report = report;
    }

    RMap resolveRoot() {
        return (RMap) resolve(root, 0);
    }

    private RNode resolve(RNode node, int depth) {
        if (node instanceof RRef ref) {
            return reference(ref, depth);
        }
        if (node instanceof RMap m) {
            LinkedHashMap<String, RNode> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<String, RNode> e : m.entries().entrySet()) {
                RNode v = resolve(e.getValue(), depth);
                if (v != e.getValue() && SCRIPTS.contains(e.getKey())) {
                    scriptShape(e.getKey(), e.getValue(), v);
                }
                changed |= v != e.getValue();
                out.put(e.getKey(), v);
            }
            return changed ? RMap.owning(out, m.origin()) : m;
        }
        if (node instanceof RList l) {
            List<RNode> out = new ArrayList<>(l.items().size());
            boolean changed = false;
            for (RNode item : l.items()) {
                RNode v = resolve(item, depth);
                changed |= v != item;
                out.add(v);
            }
            return changed ? new RList(out, l.origin()) : l;
        }
        return node;
    }

    private RNode reference(RRef ref, int depth) {
        Diagnostic problem = null;
        if (ref.path().isEmpty() || ref.path().stream().anyMatch(String::isEmpty)) {
            problem = diag(ref, "reference-invalid", ref.display() + " is not valid");
        } else if (depth >= MAX_DEPTH) {
            problem = diag(ref, "reference-depth", ref.display() + " is nested more than " + MAX_DEPTH
                    + " levels deep");
        } else if (inProgress.containsKey(ref)) {
            problem = diag(ref, "reference-cycle", ref.display() + " is part of a circular chain");
        }
        if (problem != null) {
            report.accept(problem);
            return new RScalar(null, true, ref.origin());
        }
        RNode target = root;
        for (String key : ref.path()) {
            target = target instanceof RMap m ? m.get(key) : null;
        }
        if (target == null || target instanceof RScalar s && s.isNull()) {
            report.accept(diag(ref, "reference-not-found", ref.display() + " could not be found"));
            return new RScalar(null, true, ref.origin());
        }
        inProgress.put(ref, Boolean.TRUE);
        try {
            return resolve(target, depth + 1).via(ref.display());
        } finally {
            inProgress.remove(ref);
        }
    }

    /**
     * A script-like keyword that a {@code !reference} filled with a mapping: GitLab rejects it ("script config should
     * be a string or a nested array of strings up to 10 levels deep", {@code Entry::Commands}); reported at the tag.
     */
    private void scriptShape(String key, RNode written, RNode resolved) {
        if (written instanceof RRef ref && resolved instanceof RMap) {
            report.accept(diag(ref, "config-invalid", key + " config should be a string or a nested array of strings"
                    + " up to 10 levels deep: " + ref.display() + " is a mapping"));
        } else if (written instanceof RList wl && resolved instanceof RList rl && wl.items().size() == rl.items().size()) {
            for (int i = 0; i < wl.items().size(); i++) {
                if (wl.items().get(i) instanceof RRef ref && rl.items().get(i) instanceof RMap) {
                    report.accept(diag(ref, "config-invalid", key + " config should be a string or a nested array of"
                            + " strings up to 10 levels deep: " + ref.display() + " is a mapping"));
                }
            }
        }
    }

    private static Diagnostic diag(RRef ref, String id, String message) {
        return new Diagnostic(ref.origin().location(), id, true, message);
    }
}
