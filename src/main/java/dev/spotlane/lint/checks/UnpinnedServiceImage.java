package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.ImageKind;
import dev.spotlane.resolve.ResolvedImage;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code unpinned-service-image}: a service image without a {@code @sha256:} digest; an error when the rules say
 * {@code images.require_pinned_services: true}, a warning otherwise.
 */
public final class UnpinnedServiceImage implements Check {
    @Override
    public String id() {
        return "unpinned-service-image";
    }

    @Override
    public String summary() {
        return "a service image without a @sha256: digest (pin slow-moving service images; Renovate keeps them fresh)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        boolean required = context.policy().images().requirePinnedServices();
        Set<String> seen = new HashSet<>();
        for (ResolvedImage i : context.images()) {
            if (i.kind() == ImageKind.SERVICE && i.ref().valid() && !i.ref().pinned() && seen.add(i.location() + "\u0000" + i.ref().original())) {
                Finding f = finding("service image \"" + i.ref().original() + "\" is not pinned by digest"
                        + Places.usedBy(context.images(), i) + "; write it as \"" + i.ref().original()
                        + "@sha256:...\"", i.location(), null);
                reporter.report(required ? f.withSeverity(Severity.ERROR) : f);
            }
        }
    }
}
