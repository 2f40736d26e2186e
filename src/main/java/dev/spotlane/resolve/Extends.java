package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * GitLab's {@code extends}: a reverse deep merge of the parents in order (later parents win), then the job's own
 * keys; at most {@value #MAX_NESTING_LEVELS} ancestors; unknown parents, parents that are not mappings, cycles and
 * nesting too deep are errors with GitLab's wording, reported at the {@code extends} value.
 */
final class Extends {
    static final int MAX_NESTING_LEVELS = 10;

    private final RMap root;
    private final Consumer<Diagnostic> report;
    private final Map<String, RMap> done = new HashMap<>();
    private final Map<RMap, RMap> viaParent = new java.util.IdentityHashMap<>();
    /** For each entry in {@link #done}: how many entries with {@code extends} its longest chain has (itself included). */
    private final Map<String, Integer> heights = new HashMap<>();

    Extends(RMap root, Consumer<Diagnostic> report) {
        this.root = root;
        this.report = report;
    }

    /** The named top-level entry with its extends applied (unchanged when it has none or on error). */
    RMap extend(String key) {
        RMap result = extend(key, new ArrayList<>());
        return result != null ? result : root.get(key) instanceof RMap m ? m : null;
    }

    private RMap extend(String key, List<String> ancestors) {
        RMap cached = done.get(key);
        // GitLab walks every chain from the entry being extended, so a result computed higher up a chain does not
        // excuse the deepest entry from the nesting limit: reuse it only when the chain stays within the limit here
        if (cached != null && ancestors.size() + heights.get(key) <= MAX_NESTING_LEVELS + 1) {
            return cached;
        }
        if (!(root.get(key) instanceof RMap value) || !value.has("extends")) {
            return root.get(key) instanceof RMap m ? m : null;
        }
        RNode ext = value.get("extends");
        List<String> parents = names(ext);
        List<String> unknown = parents.stream().filter(p -> !root.has(p)).toList();
        if (!unknown.isEmpty()) {
            return fail(key, ext, "extends-unknown", key + ": unknown keys in `extends` (" + String.join(", ", unknown)
                    + ")", value);
        }
        List<String> invalid = parents.stream().filter(p -> !(root.get(p) instanceof RMap)).toList();
        if (!invalid.isEmpty()) {
            return fail(key, ext, "extends-invalid", key + ": invalid base hashes in `extends` ("
                    + String.join(", ", invalid) + ")", value);
        }
        if (ancestors.size() > MAX_NESTING_LEVELS) {
            return fail(key, ext, "extends-depth", key + ": nesting too deep in `extends`", value);
        }
        if (ancestors.contains(key)) {
            return fail(key, ext, "extends-cycle", key + ": circular dependency detected in `extends`", value);
        }
        List<String> next = new ArrayList<>(ancestors);
        next.add(key);
        RMap merged = null;
        int height = 1;
        for (String parent : parents) {
            RMap base = extend(parent, next);
            if (base == null) {
                return value;
            }
            // a parent's values as brought by extends: the same for every child, so made once per parent
            String via = "extends " + parent;
            merged = DeepMerge.merge(merged, viaParent.computeIfAbsent(base, b -> b.via(via)));
            height = Math.max(height, 1 + heights.getOrDefault(parent, 0));
        }
        RMap result = DeepMerge.merge(merged, value);
        done.put(key, result);
        heights.put(key, height);
        return result;
    }

    private RMap fail(String key, RNode at, String id, String message, RMap value) {
        report.accept(new Diagnostic(at.origin().location(), id, true, message));
        done.put(key, value);
        heights.put(key, 0);
        return null;
    }

    static List<String> names(RNode ext) {
        List<String> out = new ArrayList<>();
        if (ext instanceof RScalar s && s.value() != null) {
            out.add(s.value());
        } else if (ext instanceof RList l) {
            for (RNode i : l.items()) {
                if (i instanceof RScalar s && s.value() != null) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }
}
