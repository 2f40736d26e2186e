package dev.spotlane.yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The text of one file and the name it is reported under. The text is kept exactly as read (a UTF-8 byte order
 * mark stays as {@code U+FEFF} at offset 0, CRLF stays CRLF), so writing {@link #text()} back in UTF-8 gives the
 * same bytes.
 *
 * @param name the path shown to users, with {@code /} separators (relative to the project root where known)
 * @param text the whole file
 */
public record Source(String name, String text) {
    public Source {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads a UTF-8 file. Malformed UTF-8 is refused rather than replaced, so that a later rewrite can never change
     * bytes the user did not ask to change.
     *
     * @throws IOException when the file cannot be read, with a message naming it ({@link EncodingException}, with the
     *                     line and column, when it is not UTF-8)
     */
    public static Source read(Path file, String name) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        return decode(SafeFiles.read(file, name), name);
    }

    /**
     * Reads a file that a repository file named (an include, the main file, a rules file found in the repository):
     * it must resolve, symbolic links included, inside {@code root}, be a regular file and hold at most
     * {@link SafeFiles#MAX_BYTES}; the message of a refusal names the path and never shows the content.
     */
    public static Source readConfined(Path root, Path file, String name) throws IOException {
        Objects.requireNonNull(name, "name");
        return decode(SafeFiles.readConfined(root, file, name), name);
    }

    private static Source decode(byte[] bytes, String name) throws IOException {
        return new Source(name, Utf8.decode(bytes, name));
    }

    /** Reads a file and reports it under its own path. */
    public static Source read(Path file) throws IOException {
        return read(file, file.toString().replace('\\', '/'));
    }

    /** The line break this file uses most at its first break: {@code "\r\n"} or {@code "\n"}. */
    public String lineBreak() {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    }
}
