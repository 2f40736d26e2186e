package dev.spotlane.yaml;

import java.util.Objects;

/** A scalar and how it was written. */
public record YamlScalar(Span span, Span valueSpan, String anchor, String tag, String value, ScalarStyle style)
        implements YamlNode {
    public YamlScalar {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(valueSpan, "valueSpan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(style, "style");
    }

    @Override
    public boolean isNull() {
        return style == ScalarStyle.PLAIN && tag == null
                && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                        || value.equals("NULL"));
    }
}
