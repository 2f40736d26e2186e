package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;
import java.util.Set;

/** {@code reference-cycle}: !reference tags that refer to each other in a circle. */
public final class ReferenceCycle extends DiagnosticCheck {
    public ReferenceCycle() {
        super(Set.of("reference-cycle"));
    }

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
