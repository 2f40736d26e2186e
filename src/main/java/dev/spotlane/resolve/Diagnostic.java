package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.model.RuleId;
import java.util.Objects;

/**
 * Something the resolver could not do, or did with a caveat, at the place it was written.
 *
 * @param location where
 * @param id       the {@link RuleId} it is reported under in every command ({@code include-error}...)
 * @param error    true when GitLab would reject the configuration; false for a note (an include spotlane did not
 *                 fetch, a conditional include)
 * @param message  lowercase, user values quoted
 * @param kind     the resolver's finer kind of problem ({@code include-cycle}, {@code include-conditional}...), which
 *                 {@link RuleId#of(String)} folds into {@code id}; the same as {@code id} when there is none
 */
public record Diagnostic(Location location, String id, boolean error, String message, String kind)
        implements Comparable<Diagnostic> {
    public Diagnostic {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
        id = RuleId.of(id).id();
    }

    /**
     * A diagnostic of a listed id or of a finer kind that the list folds into one.
     *
     * @throws IllegalArgumentException when {@code idOrKind} is in neither (a bug: every id must be listed)
     */
    public Diagnostic(Location location, String idOrKind, boolean error, String message) {
        this(location, idOrKind, error, message, idOrKind);
    }

    /** By location, id, message. */
    @Override
    public int compareTo(Diagnostic o) {
        int c = location.compareTo(o.location);
        if (c == 0) {
            c = id.compareTo(o.id);
        }
        return c != 0 ? c : message.compareTo(o.message);
    }

    /** {@code path:line:col: message [id]}. */
    @Override
    public String toString() {
        return location + ": " + message + " [" + id + "]";
    }

    // equals and hashCode written out as the record's would be, for the reason given in Location

    @Override
    public boolean equals(Object o) {
        return o instanceof Diagnostic d && error == d.error && location.equals(d.location) && id.equals(d.id)
                && message.equals(d.message) && kind.equals(d.kind);
    }

    @Override
    public int hashCode() {
        return (((location.hashCode() * 31 + id.hashCode()) * 31 + Boolean.hashCode(error)) * 31
                + message.hashCode()) * 31 + kind.hashCode();
    }
}
