package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;
import java.util.Set;

/** {@code reference-not-found}: a !reference to a key that does not exist in the merged configuration. */
public final class ReferenceNotFound extends DiagnosticCheck {
    public ReferenceNotFound() {
        super(Set.of("reference-not-found", "reference-invalid", "reference-depth"));
    }

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
