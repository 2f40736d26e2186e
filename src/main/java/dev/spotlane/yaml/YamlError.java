package dev.spotlane.yaml;

import java.util.Objects;

/**
 * A problem that stops a file from being read, at the position the parser blamed.
 *
 * @param file     the file's display name
 * @param position where the problem is
 * @param offset   the char offset of {@code position}
 * @param message  what is wrong, lowercase, as the parser put it (plus its context when it gave one)
 */
public record YamlError(String file, Position position, int offset, String message) {
    public YamlError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:col: message}. */
    @Override
    public String toString() {
        return file + ":" + position + ": " + message;
    }
}
