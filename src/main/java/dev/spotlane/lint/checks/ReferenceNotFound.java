package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/** {@code reference-not-found}: a !reference to a key that does not exist in the merged configuration. */
public final class ReferenceNotFound extends DiagnosticCheck {

    @Override
    public String id() {
        return "reference-not-found";
    }

    @Override
    public String summary() {
        return "a !reference to a key that does not exist in the merged configuration";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
