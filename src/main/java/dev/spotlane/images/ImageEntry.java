package dev.spotlane.images;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.ImageRef;
import dev.spotlane.model.Location;
import java.util.List;
import java.util.Objects;

/**
 * One distinct reference of one kind, with every place it is written.
 *
 * @param ref       the reference (variables expanded where known)
 * @param kind      image or service
 * @param locations where it is written, sorted
 * @param needs     variables a dynamic reference still needs (empty for a static one)
 */
public record ImageEntry(ImageRef ref, ImageKind kind, List<Location> locations, List<String> needs) {
    public ImageEntry {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        locations = List.copyOf(locations);
        needs = List.copyOf(needs);
    }
}
