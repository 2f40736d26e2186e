package dev.spotlane.resolve;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.ImageRef;
import dev.spotlane.model.Location;
import java.util.List;
import java.util.Objects;

/**
 * An image a job will pull, with variables expanded where they are known.
 *
 * @param ref      the reference after expansion (dynamic when variables remain)
 * @param written  the reference as written
 * @param kind     image or service
 * @param location where it was written
 * @param needs    variables the reference still needs (empty when static)
 * @param job      the job that uses it, or null for a reference written only in a template or {@code default:}
 */
public record ResolvedImage(ImageRef ref, String written, ImageKind kind, Location location, List<String> needs,
                            String job) {
    public ResolvedImage {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        needs = List.copyOf(needs);
    }
}
