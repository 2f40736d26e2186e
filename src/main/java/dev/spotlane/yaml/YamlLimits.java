package dev.spotlane.yaml;

/**
 * Guards against hostile input, checked while parsing.
 *
 * @param maxAliasesForCollections how many aliases to a mapping or sequence one file may use (snakeyaml-engine's
 *                                 own default of 50 is too low for real CI files)
 * @param maxExpandedNodes         how many nodes a document may hold once every alias is expanded; this is what
 *                                 stops an alias bomb ("billion laughs"), at the alias that crosses it
 * @param maxDepth                 how deeply collections may nest
 * @param codePointLimit           largest file accepted, in code points
 */
public record YamlLimits(int maxAliasesForCollections, long maxExpandedNodes, int maxDepth, int codePointLimit) {
    /** Generous for real pipelines, small enough to refuse an alias bomb in milliseconds. */
    public static final YamlLimits DEFAULT = new YamlLimits(10_000, 1_000_000L, 200, 8 * 1024 * 1024);
}
