package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;
import java.util.Set;

/** {@code include-error}: an include GitLab would reject: missing file, cycle, too many includes, bad inputs. */
public final class IncludeError extends DiagnosticCheck {
    public IncludeError() {
        super(Set.of("include-not-found", "include-invalid", "include-cycle", "include-limit", "include-inputs"));
    }

    @Override
    public String id() {
        return "include-error";
    }

    @Override
    public String summary() {
        return "an include GitLab would reject: missing file, cycle, too many includes, bad inputs";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
