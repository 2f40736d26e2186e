package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.resolve.ResolvedImage;
import java.util.HashSet;
import java.util.Set;

/** {@code dynamic-image}: an image whose name still holds a variable after resolution. */
public final class DynamicImage implements Check {
    @Override
    public String id() {
        return "dynamic-image";
    }

    @Override
    public String summary() {
        return "an image that still holds a variable after resolution: it cannot be classified or baked into the AMI";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        Set<String> seen = new HashSet<>();
        for (ResolvedImage i : context.images()) {
            if (i.needs().isEmpty() || !seen.add(i.location() + "\u0000" + i.ref().original())) {
                continue;
            }
            reporter.report(finding(i.kind().label() + " \"" + i.written() + "\" still needs " + String.join(", ",
                    i.needs().stream().map(v -> "\"" + v + "\"").toList()) + " when the job runs"
                    + Places.usedBy(context.images(), i) + "; it cannot be"
                    + " classified or baked (pass --var NAME=VALUE, or add it to the AMI allowlist)", i.location(),
                    null));
        }
    }
}
