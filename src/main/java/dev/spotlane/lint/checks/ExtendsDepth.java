package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/** {@code extends-depth}: extends chains nested deeper than GitLab allows. */
public final class ExtendsDepth extends DiagnosticCheck {

    @Override
    public String id() {
        return "extends-depth";
    }

    @Override
    public String summary() {
        return "extends chains nested deeper than GitLab allows (more than 10 ancestors)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
