package dev.spotlane.images;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.ImageRef;
import dev.spotlane.model.Location;
import java.util.List;
import java.util.Objects;

/** One distinct reference of one kind, with every place it is written. */
public record ImageEntry(ImageRef ref, ImageKind kind, List<Location> locations) {
    public ImageEntry {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        locations = List.copyOf(locations);
    }
}
