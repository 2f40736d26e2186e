package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.Fix;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.transform.Decision;

/** {@code routing-drift}: a job whose resolved tags differ from what the routing policy decides. */
public final class RoutingDrift implements Check {
    @Override
    public String id() {
        return "routing-drift";
    }

    @Override
    public String summary() {
        return "a job whose resolved tags differ from what the routing policy decides (spotlane fix moves it)";
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
        java.util.Map<String, dev.spotlane.transform.PlannedEdit> edits = context.fix().editsByJob();
        for (Decision d : context.fix().decisions()) {
            if (d.outcome() != Decision.Outcome.MOVE) {
                continue;
            }
            Fix fix = java.util.Optional.ofNullable(edits.get(d.job())).map(e -> new Fix(e.file(), e.plan())).orElse(null);
            reporter.report(finding("job \"" + d.job() + "\" has " + tags(d.from()) + ", the policy routes it to \""
                    + d.className() + "\" with " + tags(d.to()) + " (route \"" + d.route() + "\"); run spotlane fix",
                    Places.job(context.pipeline(), d.job()), fix));
        }
    }

    private static String tags(java.util.List<String> tags) {
        return tags.isEmpty() ? "no tags" : "tags " + Places.list(tags);
    }
}
