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
 */
public record ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist,
                          Path confinedTo) {
    public ImagePolicy {
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(unpinned, "unpinned");
        allowlist = List.copyOf(allowlist);
    }

    /** Allowlists a rules file outside any repository names: they may be anywhere. */
    public ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist) {
        this(pinned, unpinned, requirePinnedServices, allowlist, null);
    }

    /** The pull_policy an image should have: by digest or by tag. */
    public String policyFor(boolean pinnedByDigest) {
        return pinnedByDigest ? pinned : unpinned;
    }
}
