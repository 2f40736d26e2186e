package dev.spotlane;

/** A pipeline spotlane cannot work on: unreadable, invalid YAML, or rejected by GitLab's rules. */
public final class SpotlaneException extends Exception {
    public SpotlaneException(String message) {
        super(message, null, false, false);
    }
}
