package dev.spotlane.yaml;

/**
 * A comment as written.
 *
 * @param span   from the {@code #} to the end of the line
 * @param text   the text after {@code #}
 * @param inline true when code precedes it on its line
 */
public record Comment(Span span, String text, boolean inline) {
}
