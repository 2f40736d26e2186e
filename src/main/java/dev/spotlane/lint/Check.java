package dev.spotlane.lint;

/**
 * One lint check. Metadata sits beside the logic; the long explanation lives in {@code docs/rules/<id>.md}.
 * A check reports each problem once, at the place to fix it.
 */
public interface Check {

    /** kebab-case id, as written in brackets after each message and in {@code lint.checks}. */
    String id();

    /** One line saying what the check flags. */
    String summary();

    Severity defaultSeverity();

    /** Reports findings (at the default severity; overrides are applied by the {@link Linter}). */
    void run(LintContext context, Reporter reporter);

    /** Where a check sends what it finds. */
    interface Reporter {
        void report(Finding finding);
    }

    /** A finding of this check at its default severity. */
    default Finding finding(String message, dev.spotlane.model.Location location, Fix fix) {
        return new Finding(id(), defaultSeverity(), message, location, fix);
    }
}
