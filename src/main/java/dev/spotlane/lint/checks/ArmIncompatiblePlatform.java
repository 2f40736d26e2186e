package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.transform.Decision;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code arm-incompatible-platform}: {@code docker: platform:} other than {@code linux/arm64} on an image of a job
 * routed to the ARM cloud fleet: it runs under emulation, slowly, or not at all.
 */
public final class ArmIncompatiblePlatform implements Check {
    @Override
    public String id() {
        return "arm-incompatible-platform";
    }

    @Override
    public String summary() {
        return "docker: platform: other than linux/arm64 on a job routed to the ARM cloud fleet";
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
        Map<String, Decision> decisions = context.decisions();
        Set<Location> seen = new HashSet<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            Decision d = decisions.get(job.name());
            if (d == null || d.className() == null || d.outcome() == Decision.Outcome.KEEP) {
                continue;
            }
            for (RMap image : JobImages.longForms(job)) {
                if (image.get("docker") instanceof RMap docker && docker.get("platform") instanceof RScalar p
                        && p.value() != null && !p.value().startsWith("linux/arm64") && !p.value().contains("$")) {
                    Location at = p.origin().location();
                    if (seen.add(at)) {
                        reporter.report(finding("platform \"" + p.value() + "\" on job \"" + job.name()
                                + "\", which runs on the ARM class \"" + d.className() + "\"; use \"linux/arm64\""
                                + " or keep the job local (# spotlane: keep-local)", at, null));
                    }
                }
            }
        }
    }
}
