package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.ResolvedImage;
import java.util.HashSet;
import java.util.Set;

/** {@code implicit-latest}: an image with no tag, or the tag {@code latest}, and no digest. */
public final class ImplicitLatest implements Check {
    @Override
    public String id() {
        return "implicit-latest";
    }

    @Override
    public String summary() {
        return "an image with no tag or :latest: what runs changes under you and a baked AMI copy goes stale";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        Set<String> seen = new HashSet<>();
        for (ResolvedImage i : context.images()) {
            if (!i.ref().valid() || i.ref().digest() != null || !"latest".equals(i.ref().effectiveTag())) {
                continue;
            }
            Location at = i.location();
            if (seen.add(at + "\u0000" + i.ref().original())) {
                String how = i.ref().tag() == null ? "has no tag (so \"latest\")" : "uses the tag \"latest\"";
                reporter.report(finding(i.kind().label() + " \"" + i.ref().original() + "\" " + how
                        + Places.usedBy(context.images(), i) + "; pin a version tag", at, null));
            }
        }
    }
}
