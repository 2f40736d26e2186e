package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.policy.InstanceClass;
import dev.spotlane.policy.Routing;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.ResolvedJob;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        Set<Location> seen = new HashSet<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            List<String> tags = job.tags();
            if (job.isTrigger() || tags.isEmpty() || tags.stream().anyMatch(t -> t.contains("$"))) {
                continue;
            }
            if (routing.localTags().containsAll(tags)) {
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
            if (seen.add(at)) {
                reporter.report(finding("job \"" + job.name() + "\" has tags " + tags + " that no runner has: local"
                        + " runners have " + routing.localTags() + ", cloud runners \"" + routing.cloudTag()
                        + "\" plus one class's tags; the job would wait forever", at, null));
            }
        }
    }
}
