package dev.spotlane.lint;

import dev.spotlane.model.Location;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem at one place.
 *
 * @param checkId  the check's kebab-case id
 * @param severity how much it matters (after the rules file's overrides)
 * @param message  lowercase, user values quoted, hint where one is known; without the id
 * @param location where to fix it
 * @param fix      the edit that fixes it, or null; {@code spotlane fix} applies it
 */
public record Finding(String checkId, Severity severity, String message, Location location, Fix fix)
        implements Comparable<Finding> {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::location)
            .thenComparing(Finding::checkId).thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    public boolean fixable() {
        return fix != null;
    }

    /** The same finding at another severity. */
    public Finding withSeverity(Severity s) {
        return s == severity ? this : new Finding(checkId, s, message, location, fix);
    }

    @Override
    public int compareTo(Finding o) {
        return ORDER.compare(this, o);
    }

    /** {@code path:line:col: message [id]}. */
    @Override
    public String toString() {
        return location + ": " + message + " [" + checkId + "]";
    }
}
