package dev.spotlane.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The images part of the rules file.
 *
 * @param pinned                pull_policy for images pinned by digest
 * @param unpinned              pull_policy for images with a tag only
 * @param requirePinnedServices whether service images must be pinned by digest
 * @param allowlist             AMI allowlist files, resolved against the rules file's folder
 * @param confinedTo            the repository root when the rules file is the repository's: the allowlists must
 *                              then resolve (symbolic links included) inside it; null when they may be anywhere
 * @param platforms             the image platforms file ({@link ImagePlatforms}), resolved against the rules file's
 *                              folder (relative for the bundled rules: then against the repository)
 * @param mirror                the pull-through cache, or null when the fleet has none
 */
public record ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist,
                          Path confinedTo, Path platforms, Mirror mirror) {
    /** Where {@code spotlane images --platforms --write} puts the platforms file by default. */
    public static final String DEFAULT_PLATFORMS = "ci/ami/platforms.json";

    public ImagePolicy {
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(unpinned, "unpinned");
        Objects.requireNonNull(platforms, "platforms");
        allowlist = List.copyOf(allowlist);
    }

    /** Allowlists a rules file outside any repository names: they may be anywhere. */
    public ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist) {
        this(pinned, unpinned, requirePinnedServices, allowlist, null);
    }

    /** Image policy with the platforms file at its default place and no pull-through cache. */
    public ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist,
                       Path confinedTo) {
        this(pinned, unpinned, requirePinnedServices, allowlist, confinedTo, Path.of(DEFAULT_PLATFORMS));
    }

    /** Image policy without a pull-through cache. */
    public ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist,
                       Path confinedTo, Path platforms) {
        this(pinned, unpinned, requirePinnedServices, allowlist, confinedTo, platforms, null);
    }

    /** The pull_policy an image should have: by digest or by tag. */
    public String policyFor(boolean pinnedByDigest) {
        return pinnedByDigest ? pinned : unpinned;
    }
}
