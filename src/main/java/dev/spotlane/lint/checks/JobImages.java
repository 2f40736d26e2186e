package dev.spotlane.lint.checks;

import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.ResolvedJob;
import java.util.ArrayList;
import java.util.List;

/** A resolved job's image and services in long form (short strings have no options to check). */
final class JobImages {
    private JobImages() {
    }

    static List<RMap> longForms(ResolvedJob job) {
        List<RMap> out = new ArrayList<>();
        if (job.get("image") instanceof RMap m) {
            out.add(m);
        }
        if (job.get("services") instanceof RList l) {
            for (RNode s : l.items()) {
                if (s instanceof RMap m) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}
