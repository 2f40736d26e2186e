package dev.spotlane.policy;

import java.util.Map;
import java.util.Objects;

/**
 * A loaded, validated rules file.
 *
 * @param source          the rules file's display name ({@code (bundled)} for the default)
 * @param routing         routing policy
 * @param images          image classes and allowlist
 * @param fleet           the cloud fleet
 * @param checkSeverities lint check id → {@code error|warning|info|off}
 */
public record Policy(String source, Routing routing, ImagePolicy images, Fleet fleet,
                     Map<String, String> checkSeverities) {
    public Policy {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(fleet, "fleet");
        checkSeverities = Map.copyOf(checkSeverities);
    }
}
