package dev.spotlane.yaml;

/**
 * A node of a parsed YAML document as it was written: aliases stay aliases, merge keys stay keys. Every node knows
 * its {@link #span()} (including anchor and tag) and its {@link #valueSpan()} (the content alone).
 */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence, YamlAlias {

    /** Where the node was written, including its anchor ({@code &a}) and tag ({@code !reference}). */
    Span span();

    /** Where the node's content was written: the span without the anchor and tag. */
    Span valueSpan();

    /** The anchor name without {@code &}, or null. */
    String anchor();

    /** The tag as the parser reports it ({@code !reference}, {@code tag:yaml.org,2002:str}), or null. */
    String tag();

    /** This node, or for an alias the node it points to (following chains of aliases). */
    default YamlNode resolved() {
        return this;
    }

    /** True when this is a plain scalar that YAML reads as null ({@code ~}, {@code null}, or nothing at all). */
    default boolean isNull() {
        return false;
    }

    /** The scalar's text when this node resolves to a scalar, else null. */
    default String scalarValue() {
        return resolved() instanceof YamlScalar s ? s.value() : null;
    }
}
