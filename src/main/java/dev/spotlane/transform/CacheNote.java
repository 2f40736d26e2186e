package dev.spotlane.transform;

import dev.spotlane.model.Location;
import java.util.Objects;

/**
 * What {@code fix} did with one Docker Hub image when the rules ask to rewrite references to an ECR pull-through
 * cache ({@code images.mirror.rewrite: true}).
 *
 * @param location where the image is written
 * @param ref      the reference as written
 * @param to       the cache reference written instead, or null when left
 * @param alias    the {@code alias:} added to a service so its host name stays, or null
 * @param reason   why it is left (null when rewritten)
 */
public record CacheNote(Location location, String ref, String to, String alias, String reason) {
    public CacheNote {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
    }

    public boolean rewritten() {
        return to != null;
    }
}
