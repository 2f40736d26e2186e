package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.resolve.Diagnostic;
import java.util.Set;

/**
 * A check that reports the resolver's diagnostics of some ids. A diagnostic the resolver marked as a note (for
 * example an unknown {@code extends} parent that an include spotlane could not read may define) is reported one
 * level lower than the check's default.
 */
abstract class DiagnosticCheck implements Check {
    private final Set<String> ids;

    DiagnosticCheck(Set<String> ids) {
        this.ids = ids;
    }

    /** The resolver diagnostic ids this check reports. */
    Set<String> ids() {
        return ids;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        for (Diagnostic d : context.pipeline().diagnostics()) {
            if (ids.contains(d.id())) {
                Severity s = d.error() || defaultSeverity() == Severity.INFO ? defaultSeverity()
                        : Severity.values()[Math.min(Severity.INFO.ordinal(), defaultSeverity().ordinal() + 1)];
                reporter.report(finding(d.message(), d.location(), null).withSeverity(s));
            }
        }
    }
}
