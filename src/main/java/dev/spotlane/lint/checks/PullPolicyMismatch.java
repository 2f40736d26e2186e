package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.Fix;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.transform.ImageNote;

/** {@code pull-policy-mismatch}: an image whose pull_policy differs from the policy of its class. */
public final class PullPolicyMismatch implements Check {
    @Override
    public String id() {
        return "pull-policy-mismatch";
    }

    @Override
    public String summary() {
        return "an image whose pull_policy differs from its class policy (pinned or unpinned); spotlane fix sets it";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.fix() == null) {
            return;
        }
        java.util.Map<dev.spotlane.model.Location, dev.spotlane.transform.PlannedEdit> edits =
                context.fix().editsByImage();
        for (ImageNote n : context.fix().images()) {
            if (n.outcome() != ImageNote.Outcome.SET) {
                continue;
            }
            Fix fix = java.util.Optional.ofNullable(edits.get(n.location())).map(e -> new Fix(e.file(), e.plan())).orElse(null);
            reporter.report(finding("image \"" + n.ref() + "\" should have pull_policy \"" + n.policy() + "\""
                    + Places.usedBy(context.images(), n.location()) + "; run spotlane fix", n.location(), fix));
        }
    }
}
