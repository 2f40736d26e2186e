package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.ResolvedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code cache-without-shared-cache}: a job on the cloud fleet uses {@code cache:} while the rules declare no shared
 * cache ({@code fleet.cache}). Workers scale to zero and take their local cache with them, so such a job starts cold
 * on almost every run.
 */
public final class CacheWithoutSharedCache implements Check {
    @Override
    public String id() {
        return "cache-without-shared-cache";
    }

    @Override
    public String summary() {
        return "a job on the cloud fleet uses cache: but the rules declare no shared cache (fleet.cache)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null || context.policy().fleet().cache() != null) {
            return;
        }
        Map<String, String> cloud = CloudJobs.of(context);
        // a cache written once (default:, a hidden parent) and used by several jobs: one finding naming them all
        Map<Location, Set<String>> jobsAt = new LinkedHashMap<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            RNode cache = job.get("cache");
            if (cloud.containsKey(job.name()) && used(cache)) {
                jobsAt.computeIfAbsent(cache.origin().location(), k -> new TreeSet<>()).add(job.name());
            }
        }
        for (Map.Entry<Location, Set<String>> e : jobsAt.entrySet()) {
            boolean one = e.getValue().size() == 1;
            reporter.report(finding("cache of " + Places.jobs(e.getValue()) + (one ? ", which runs" : ", which run")
                    + " on the cloud fleet, is lost with each worker that scales to zero; declare fleet.cache (an S3"
                    + " bucket) in the rules so runner-config writes a shared cache", e.getKey(), null));
        }
    }

    /** {@code cache:} with something in it: not null, not an empty list or mapping. */
    static boolean used(RNode cache) {
        if (cache == null) {
            return false;
        }
        if (cache instanceof RNode.RScalar s) {
            return !s.isNull();
        }
        if (cache instanceof RNode.RList l) {
            return !l.items().isEmpty();
        }
        return !(cache instanceof RNode.RMap m) || !m.entries().isEmpty();
    }
}
