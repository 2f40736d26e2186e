package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.policy.Mirror;
import dev.spotlane.resolve.ResolvedImage;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code image-not-in-allowlist}: an image or service a job will pull that the AMI allowlist lacks, so the first
 * job after scale-from-zero pulls it over the network. Dynamic images are left to {@code dynamic-image}.
 */
public final class ImageNotInAllowlist implements Check {
    @Override
    public String id() {
        return "image-not-in-allowlist";
    }

    @Override
    public String summary() {
        return "an image a job pulls that the AMI allowlist lacks: a cold worker pulls it over the network";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.allowlist() == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        Mirror mirror = context.policy().images().mirror();
        for (ResolvedImage i : context.images()) {
            // a reference into a pull-through cache is the upstream image the allowlist names
            if (i.job() == null || !i.ref().valid() || context.allowlist().allows(i.ref())
                    || mirror != null && context.allowlist().allows(mirror.upstreamOf(i.ref()))
                    || !seen.add(i.location() + "\u0000" + i.ref().normalized())) {
                continue;
            }
            reporter.report(finding(i.kind().label() + " \"" + i.ref().normalized() + "\" is not in the AMI allowlist"
                    + Places.usedBy(context.images(), i) + "; add it to the allowlist and rebake"
                    + " (spotlane images --format allowlist)", i.location(), null));
        }
    }
}
