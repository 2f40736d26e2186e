package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/** {@code extends-unknown}: extends names a job that does not exist. */
public final class ExtendsUnknown extends DiagnosticCheck {

    @Override
    public String id() {
        return "extends-unknown";
    }

    @Override
    public String summary() {
        return "extends names a job that does not exist";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
