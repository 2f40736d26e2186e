package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/** {@code include-error}: an include GitLab would reject: missing file, cycle, too many includes, bad inputs. */
public final class IncludeError extends DiagnosticCheck {

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
