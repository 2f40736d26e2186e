package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;
import java.util.Set;

/** {@code extends-cycle}: extends chains that loop or nest deeper than GitLab allows, or name a non-mapping. */
public final class ExtendsCycle extends DiagnosticCheck {
    public ExtendsCycle() {
        super(Set.of("extends-cycle", "extends-depth", "extends-invalid"));
    }

    @Override
    public String id() {
        return "extends-cycle";
    }

    @Override
    public String summary() {
        return "extends chains that loop or nest deeper than GitLab allows, or name a non-mapping";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
