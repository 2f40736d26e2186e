package dev.spotlane.lint;

import dev.spotlane.model.Location;
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

    /** By location, check id, message (written out: no comparator built from method references at start-up). */
    @Override
    public int compareTo(Finding o) {
        int c = location.compareTo(o.location);
        if (c == 0) {
            c = checkId.compareTo(o.checkId);
        }
        return c != 0 ? c : message.compareTo(o.message);
    }

    /** {@code path:line:col: message [id]}. */
    @Override
    public String toString() {
        return location + ": " + message + " [" + checkId + "]";
    }
}
