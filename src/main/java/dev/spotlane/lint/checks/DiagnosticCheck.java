package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.resolve.Diagnostic;
import java.util.Set;

/**
 * A check that reports the resolver's diagnostics of its own id (the resolver's ids are the {@link
 * dev.spotlane.model.RuleId} list, so {@code preview} and {@code lint} name a problem alike). A diagnostic the resolver marked as a note (for
 * example an unknown {@code extends} parent that an include spotlane could not read may define) is reported one
 * level lower than the check's default.
 */
abstract class DiagnosticCheck implements Check {
    /** The resolver diagnostic ids this check reports: its own. */
    Set<String> ids() {
        return Set.of(id());
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        for (Diagnostic d : context.pipeline().diagnostics()) {
            if (d.id().equals(id())) {
                Severity s = d.error() || defaultSeverity() == Severity.INFO ? defaultSeverity()
                        : Severity.values()[Math.min(Severity.INFO.ordinal(), defaultSeverity().ordinal() + 1)];
                reporter.report(finding(d.message(), d.location(), null).withSeverity(s));
            }
        }
    }
}
