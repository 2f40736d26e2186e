package dev.spotlane.yaml;

import java.util.Objects;

/** Replace the text at {@code span} (of the original text) with {@code replacement}; an empty span inserts. */
public record TextEdit(Span span, String replacement) {
    public TextEdit {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(replacement, "replacement");
    }

    public static TextEdit insert(int offset, String text) {
        return new TextEdit(Span.at(offset), text);
    }

    public static TextEdit delete(Span span) {
        return new TextEdit(span, "");
    }
}
