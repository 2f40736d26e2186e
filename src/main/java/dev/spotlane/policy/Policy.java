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
 * @param platforms       the image platforms read from {@code images.platforms} ({@link ImagePlatforms#NONE} until
 *                        read: see {@link #withPlatforms})
 * @param assumeComplete  true to move jobs whose configuration spotlane could not read whole
 *                        ({@code --assume-complete})
 */
public record Policy(String source, Routing routing, ImagePolicy images, Fleet fleet,
                     Map<String, String> checkSeverities, ImagePlatforms platforms, boolean assumeComplete) {
    public Policy {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(platforms, "platforms");
        checkSeverities = Map.copyOf(checkSeverities);
    }

    /** A policy with no platforms file read, that leaves incomplete jobs where they are. */
    public Policy(String source, Routing routing, ImagePolicy images, Fleet fleet,
                  Map<String, String> checkSeverities) {
        this(source, routing, images, fleet, checkSeverities, ImagePlatforms.NONE, false);
    }

    /** The same rules with the image platforms read. */
    public Policy withPlatforms(ImagePlatforms read) {
        return new Policy(source, routing, images, fleet, checkSeverities, read, assumeComplete);
    }

    /** The same rules, moving (or not) jobs whose configuration spotlane could not read whole. */
    public Policy withAssumeComplete(boolean assume) {
        return new Policy(source, routing, images, fleet, checkSeverities, platforms, assume);
    }
}
