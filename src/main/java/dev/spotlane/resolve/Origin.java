package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlNode;
import java.util.Objects;

/**
 * Where a resolved value was written and what brought it into the job.
 *
 * @param file the file it was written in
 * @param node the node as written (for an alias, the anchored node)
 * @param via  the mechanism: {@code own key}, {@code extends .base}, {@code default}, {@code !reference [.x, y]},
 *             {@code top-level image (deprecated)} ...; the include a value came from is {@link #file()}
 */
public record Origin(YamlFile file, YamlNode node, String via) {
    public Origin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(via, "via");
    }

    public Location location() {
        return Location.of(file, node);
    }

    /** The same place, brought by another mechanism. */
    public Origin via(String mechanism) {
        return mechanism.equals(via) ? this : new Origin(file, node, mechanism);
    }

    @Override
    public String toString() {
        return location() + " (" + via + ")";
    }
}
