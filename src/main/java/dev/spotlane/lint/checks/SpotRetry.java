package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.transform.RetryRule;
import java.util.Map;

/**
 * {@code spot-retry}: a job on the cloud fleet with no retry on {@code runner_system_failure}. A spot worker can be
 * reclaimed with two minutes' notice; the job then fails as a system failure, and without a retry the pipeline
 * fails although the job itself was fine. {@code retry: N} retries on every failure (GitLab's {@code when} defaults
 * to {@code always}); {@code retry: {when: [...]}} must hold {@code runner_system_failure} or {@code always}.
 */
public final class SpotRetry implements Check {
    @Override
    public String id() {
        return "spot-retry";
    }

    @Override
    public String summary() {
        return "a job on the spot fleet without retry on runner_system_failure (a reclaimed worker fails it)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        Map<String, String> cloud = CloudJobs.of(context);
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            if (!cloud.containsKey(job.name()) || job.isTrigger() || retriesSystemFailures(job.get("retry"))) {
                continue;
            }
            reporter.report(finding("job \"" + job.name() + "\" runs on spot class \"" + cloud.get(job.name())
                    + "\" without a retry on runner_system_failure; a reclaimed worker fails the pipeline: add"
                    + " \"retry: {max: 2, when: [runner_system_failure]}\" (spotlane fix --add-retry)",
                    Places.job(context.pipeline(), job.name()), null));
        }
    }

    /** Whether {@code retry} re-runs a job whose runner failed (the rule {@code fix --add-retry} follows). */
    static boolean retriesSystemFailures(RNode retry) {
        return RetryRule.retriesSystemFailures(retry);
    }
}
