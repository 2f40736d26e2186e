package dev.spotlane.lint.checks;

import dev.spotlane.lint.Severity;

/** {@code extends-cycle}: extends chains that loop, or name a non-mapping. */
public final class ExtendsCycle extends DiagnosticCheck {

    @Override
    public String id() {
        return "extends-cycle";
    }

    @Override
    public String summary() {
        return "extends chains that loop, or name a non-mapping";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }
}
