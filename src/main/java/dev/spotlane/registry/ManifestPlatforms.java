package dev.spotlane.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a registry said about one image: the digest of the manifest (or index) it served for the reference and the
 * platforms that manifest offers.
 *
 * @param digest    the digest of the manifest or index served ({@code sha256:...})
 * @param platforms {@code os/arch[/variant]}, sorted, without attestation ({@code unknown/unknown}) entries
 * @param readAt    when it was read, to the second
 */
public record ManifestPlatforms(String digest, List<String> platforms, Instant readAt) {
    public ManifestPlatforms {
        Objects.requireNonNull(digest, "digest");
        platforms = List.copyOf(platforms);
        Objects.requireNonNull(readAt, "readAt");
    }

    /** @return true when an image for {@code linux/arm64} (any variant) is among the platforms */
    public boolean arm64() {
        return platforms.stream().anyMatch(p -> p.equals("linux/arm64") || p.startsWith("linux/arm64/"));
    }
}
