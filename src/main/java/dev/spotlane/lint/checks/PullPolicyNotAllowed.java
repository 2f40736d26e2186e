package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.transform.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code pull-policy-not-allowed}: a job-level pull_policy the cloud runners refuse. The runners allow the
 * policies the image classes use (their {@code allowed_pull_policies}); a job whose policies share none of them
 * fails before it starts.
 */
public final class PullPolicyNotAllowed implements Check {
    @Override
    public String id() {
        return "pull-policy-not-allowed";
    }

    @Override
    public String summary() {
        return "a pull_policy the cloud runners would refuse (none of its values is in allowed_pull_policies)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        Set<String> allowed = new LinkedHashSet<>(List.of(context.policy().images().pinned(),
                context.policy().images().unpinned()));
        Map<String, Decision> decisions = context.decisions();
        // a pull_policy written once (in a hidden parent) and shared by several jobs: one finding, every job named
        Map<Location, List<String>> valuesAt = new LinkedHashMap<>();
        Map<Location, Set<String>> jobsAt = new LinkedHashMap<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            Decision d = decisions.get(job.name());
            if (d == null || d.className() == null || d.outcome() == Decision.Outcome.KEEP) {
                continue;
            }
            for (RMap image : JobImages.longForms(job)) {
                RNode policy = image.get("pull_policy");
                List<String> values = values(policy);
                if (values.isEmpty() || values.stream().anyMatch(allowed::contains)) {
                    continue;
                }
                Location at = policy.origin().location();
                valuesAt.putIfAbsent(at, values);
                jobsAt.computeIfAbsent(at, k -> new TreeSet<>()).add(job.name());
            }
        }
        for (Map.Entry<Location, Set<String>> e : jobsAt.entrySet()) {
            boolean one = e.getValue().size() == 1;
            reporter.report(finding("pull_policy " + Places.list(valuesAt.get(e.getKey())) + " on "
                    + Places.jobs(e.getValue()) + " is not in the cloud runners' allowed_pull_policies "
                    + Places.list(allowed) + "; " + (one ? "the job would fail before it starts"
                    : "the jobs would fail before they start"),
                    e.getKey(), null));
        }
    }

    private static List<String> values(RNode policy) {
        List<String> out = new ArrayList<>();
        if (policy instanceof RScalar s && s.value() != null) {
            out.add(s.value());
        } else if (policy instanceof RList l) {
            l.items().forEach(i -> {
                if (i instanceof RScalar s && s.value() != null) {
                    out.add(s.value());
                }
            });
        }
        return out;
    }
}
