package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/**
 * {@code include-unresolved}: an include spotlane did not read (remote, template, another project or component), so
 * its jobs are not checked; or read without knowing whether GitLab will (rules with {@code if}/{@code changes}, a
 * wildcard that matches nothing).
 */
public final class IncludeUnresolved extends DiagnosticCheck {

    @Override
    public String id() {
        return "include-unresolved";
    }

    @Override
    public String summary() {
        return "an include spotlane did not read (remote, template, another project or component) or whose rules it"
                + " could not evaluate, so what it adds is not checked or may not apply";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }
}
