package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.Checks;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.resolve.Diagnostic;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code config-invalid}: anything else GitLab would reject that the resolver finds (a keyword set both at top level
 * and under {@code default:}, ...). It also reports every resolver error no other check claims, so a pipeline GitLab
 * rejects never lints clean.
 */
public final class ConfigInvalid implements Check {
    private static final Set<String> OWN = Set.of("config-invalid");

    @Override
    public String id() {
        return "config-invalid";
    }

    @Override
    public String summary() {
        return "a configuration GitLab would reject for a reason no other check names (e.g. default: conflicts)";
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
        Set<String> claimed = new HashSet<>();
        for (Check c : Checks.ALL) {
            if (c instanceof DiagnosticCheck d) {
                claimed.addAll(d.ids());
            }
        }
        for (Diagnostic d : context.pipeline().diagnostics()) {
            if (OWN.contains(d.id()) || d.error() && !claimed.contains(d.id())) {
                reporter.report(finding(d.message(), d.location(), null));
            }
        }
    }
}
