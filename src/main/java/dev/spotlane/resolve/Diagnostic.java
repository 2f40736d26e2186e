package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import java.util.Comparator;
import java.util.Objects;

/**
 * Something the resolver could not do, or did with a caveat, at the place it was written.
 *
 * @param location where
 * @param id       a kebab-case id the lint checks report under ({@code include-unresolved}, {@code extends-cycle}...)
 * @param error    true when GitLab would reject the configuration; false for a note (an include spotlane did not
 *                 fetch, a conditional include)
 * @param message  lowercase, user values quoted
 */
public record Diagnostic(Location location, String id, boolean error, String message)
        implements Comparable<Diagnostic> {
    private static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::location)
            .thenComparing(Diagnostic::id).thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(Diagnostic o) {
        return ORDER.compare(this, o);
    }

    /** {@code path:line:col: message [id]}. */
    @Override
    public String toString() {
        return location + ": " + message + " [" + id + "]";
    }
}
