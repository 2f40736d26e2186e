package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/** {@code reference-cycle}: !reference tags that refer to each other in a circle. */
public final class ReferenceCycle extends DiagnosticCheck {

    @Override
    public String id() {
        return "reference-cycle";
    }

    @Override
    public String summary() {
        return "!reference tags that refer to each other in a circle";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
