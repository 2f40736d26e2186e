package dev.spotlane.cli;

/** A problem with the user's input or usage: printed as one line, exit code {@link ExitCode#USAGE}. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message, null, false, false);
    }
}
