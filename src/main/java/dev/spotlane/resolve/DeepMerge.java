package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** GitLab's deep merge: mappings merge key by key; anything else (lists, scalars) is replaced by the later value. */
final class DeepMerge {
    private DeepMerge() {
    }

    /** {@code base} with {@code over} merged on top; keys keep their first position. */
    static RMap merge(RMap base, RMap over) {
        if (base == null) {
            return over;
        }
        LinkedHashMap<String, RNode> out = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, RNode> e : over.entries().entrySet()) {
            RNode old = out.get(e.getKey());
            if (old instanceof RMap a && e.getValue() instanceof RMap b) {
                out.put(e.getKey(), merge(a, b));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return RMap.owning(out, over.origin());
    }
}
