package dev.spotlane.yaml;

/**
 * One document of a YAML stream.
 *
 * @param root          the root node, or null for an empty document
 * @param span          from the document start ({@code ---} when written) to its end
 * @param explicitStart true when the document opened with {@code ---}
 */
public record YamlDocument(YamlNode root, Span span, boolean explicitStart) {
}
