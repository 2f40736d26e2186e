package dev.spotlane.gitlab.usage;

/** A job history file that cannot be read: the message names the file, the line and what is wrong. */
public final class UsageInputException extends Exception {
    UsageInputException(String message) {
        super(message, null, false, false);
    }
}
