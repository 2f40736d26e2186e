package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.transform.Decision;

/**
 * {@code job-left-behind}: a job a route matches that {@code spotlane fix} leaves where it is, and why (it needs a
 * privileged runner, an amd64 or Windows image, a configuration spotlane could not read whole, is marked
 * keep-local, or carries another runner's tags). Trigger jobs run on no runner and are not reported.
 */
public final class JobLeftBehind implements Check {
    @Override
    public String id() {
        return "job-left-behind";
    }

    @Override
    public String summary() {
        return "a job spotlane fix leaves where it is, with the reason (what it needs that no cloud class offers)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.fix() == null) {
            return;
        }
        for (Decision d : context.fix().decisions()) {
            if (d.outcome() != Decision.Outcome.KEEP || context.pipeline().job(d.job()).map(j -> j.isTrigger())
                    .orElse(true)) {
                continue;
            }
            reporter.report(finding("job \"" + d.job() + "\" stays where it is: " + d.reason(),
                    Places.job(context.pipeline(), d.job()), null));
        }
    }
}
