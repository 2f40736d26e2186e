package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job as GitLab will run it: includes merged, {@code !reference}, {@code extends} and {@code default:} applied.
 * Every value remembers where it was written and how it got here.
 *
 * @param name            the job name
 * @param body            the resolved keywords
 * @param globalVariables the top-level variables this job inherits (after {@code inherit:variables})
 */
public record ResolvedJob(String name, RMap body, Map<String, RNode> globalVariables) {
    public ResolvedJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        globalVariables = Collections.unmodifiableMap(globalVariables);
    }

    public RNode get(String keyword) {
        return body.get(keyword);
    }

    public boolean isTrigger() {
        return body.has("trigger");
    }

    /** The tags as resolved (scalars only), or an empty list. */
    public List<String> tags() {
        List<String> out = new ArrayList<>();
        if (body.get("tags") instanceof RList l) {
            for (RNode n : l.items()) {
                if (n instanceof RScalar s && s.value() != null) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    /** Global variables this job sees, overlaid by its own {@code variables:} (job wins), as text values. */
    public Map<String, String> variables() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, RNode> e : globalVariables.entrySet()) {
            out.put(e.getKey(), Variables.valueOf(e.getValue()));
        }
        if (body.get("variables") instanceof RMap m) {
            for (Map.Entry<String, RNode> e : m.entries().entrySet()) {
                out.put(e.getKey(), Variables.valueOf(e.getValue()));
            }
        }
        out.values().removeIf(Objects::isNull);
        return out;
    }
}
