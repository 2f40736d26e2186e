package dev.spotlane.resolve;

/** An include that cannot be read: missing, outside the repository, unreadable, or the wrong kind of file. */
public final class IncludeException extends Exception {
    public IncludeException(String message) {
        super(message, null, false, false);
    }
}
