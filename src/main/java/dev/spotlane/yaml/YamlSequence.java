package dev.spotlane.yaml;

import java.util.List;
import java.util.Objects;

/** A sequence as written, block ({@code - a}) or flow ({@code [a, b]}). */
public record YamlSequence(Span span, Span valueSpan, String anchor, String tag, boolean flow, List<YamlNode> items)
        implements YamlNode {
    public YamlSequence {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(valueSpan, "valueSpan");
        items = List.copyOf(items);
    }

    /** True for a {@code !reference [job, key, ...]} tag. */
    public boolean isReference() {
        return "!reference".equals(tag);
    }
}
