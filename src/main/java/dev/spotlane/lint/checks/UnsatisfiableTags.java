package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.policy.InstanceClass;
import dev.spotlane.policy.Routing;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.ResolvedJob;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code unsatisfiable-tags}: a job whose tags no runner has: not all local tags, nor all within the cloud tag and
 * one class's tags. Such a job waits forever.
 */
public final class UnsatisfiableTags implements Check {
    @Override
    public String id() {
        return "unsatisfiable-tags";
    }

    @Override
    public String summary() {
        return "a job whose tags no runner can satisfy: not all local tags, nor all tags of one cloud class";
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
        Routing routing = context.policy().routing();
        // tags written once (in a hidden parent or default:) and shared by several jobs: one finding, every job named
        Map<Location, List<String>> tagsAt = new LinkedHashMap<>();
        Map<Location, Set<String>> jobsAt = new LinkedHashMap<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            List<String> tags = job.tags();
            if (job.isTrigger() || tags.isEmpty() || tags.stream().anyMatch(t -> t.contains("$"))) {
                continue;
            }
            if (routing.localTags().containsAll(tags)
                    || routing.otherRunners().stream().anyMatch(r -> r.containsAll(tags))) {
                continue;
            }
            boolean cloud = false;
            for (InstanceClass c : routing.classes().values()) {
                Set<String> runner = new HashSet<>(c.tags());
                runner.add(routing.cloudTag());
                cloud |= runner.containsAll(tags);
            }
            if (cloud) {
                continue;
            }
            RNode node = job.get("tags");
            Location at = node.origin().location();
            tagsAt.putIfAbsent(at, tags);
            jobsAt.computeIfAbsent(at, k -> new TreeSet<>()).add(job.name());
        }
        // with the bundled rules the finding may only mean "your runners are not described yet": a warning, and
        // the way out; a rules file of the user's own makes it an error again
        boolean bundled = context.policy().bundled();
        for (Map.Entry<Location, Set<String>> e : jobsAt.entrySet()) {
            boolean one = e.getValue().size() == 1;
            reporter.report(at(bundled, Places.jobs(e.getValue()) + (one ? " has" : " have") + " tags "
                    + Places.list(tagsAt.get(e.getKey())) + " that no runner has: local runners have "
                    + Places.list(routing.localTags()) + ", cloud runners \"" + routing.cloudTag()
                    + "\" plus one class's tags; " + (one ? "the job" : "the jobs") + " would wait forever"
                    + (bundled ? " (these are the bundled rules: run spotlane init to describe your runners)"
                    : " (declare other runners under routing.other_runners)"), e.getKey()));
        }
    }

    private Finding at(boolean bundled, String message, Location location) {
        Finding f = finding(message, location, null);
        return bundled ? f.withSeverity(Severity.WARNING) : f;
    }
}
