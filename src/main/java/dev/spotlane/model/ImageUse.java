package dev.spotlane.model;

import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import java.util.Objects;

/**
 * One image or service image as written in a file.
 *
 * @param ref      the parsed reference (may be dynamic or invalid; see {@link ImageRef#problem()})
 * @param kind     image or service
 * @param owner    the job, hidden job, {@code default} or top-level key whose value holds it
 * @param nameNode the scalar holding the reference (the {@code name:} value in the long form)
 * @param node     the whole value: the scalar itself (short form) or the mapping (long form)
 * @param location where the reference was written
 */
public record ImageUse(ImageRef ref, ImageKind kind, String owner, YamlNode nameNode, YamlNode node,
                       Location location) {
    public ImageUse {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(nameNode, "nameNode");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(location, "location");
    }

    /** True when written as a mapping ({@code name:}, {@code pull_policy:} ...). */
    public boolean longForm() {
        return node.resolved() instanceof YamlMapping;
    }

    /** The long form's mapping, or null for the short string form. */
    public YamlMapping mapping() {
        return node.resolved() instanceof YamlMapping m ? m : null;
    }
}
