package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;
import java.util.Set;

/** {@code include-unresolved}: an include spotlane did not read (remote, template, another project or component), so its jobs are not checked. */
public final class IncludeUnresolved extends DiagnosticCheck {
    public IncludeUnresolved() {
        super(Set.of("include-unresolved"));
    }

    @Override
    public String id() {
        return "include-unresolved";
    }

    @Override
    public String summary() {
        return "an include spotlane did not read (remote, template, another project or component), so its jobs are not checked";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }
}
