package dev.spotlane.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * @param central               the files named by central rules (another project's {@code allowlist} and
 *                              {@code platforms}), already read through the API by {@link RulesChain}: keyed by the
 *                              path that stands for each in {@code allowlist} and {@code platforms}; readers look here
 *                              first ({@link #central(Path)})
 */
public record ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist,
                          Path confinedTo, Path platforms, Mirror mirror, Map<Path, CentralFile> central) {
    /**
     * A file of the central rules' project, read at the central rules' ref.
     *
     * @param name {@code project:path@ref}, as messages name it
     * @param text its text, or null when it could not be read (the notice said why; readers skip it)
     */
    public record CentralFile(String name, String text) {
        public CentralFile {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Where {@code spotlane images --platforms --write} puts the platforms file by default. */
    public static final String DEFAULT_PLATFORMS = "ci/ami/platforms.json";

    public ImagePolicy {
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(unpinned, "unpinned");
        Objects.requireNonNull(platforms, "platforms");
        allowlist = List.copyOf(allowlist);
        central = Map.copyOf(central);
    }

    /** Image policy with every file read locally. */
    public ImagePolicy(String pinned, String unpinned, boolean requirePinnedServices, List<Path> allowlist,
                       Path confinedTo, Path platforms, Mirror mirror) {
        this(pinned, unpinned, requirePinnedServices, allowlist, confinedTo, platforms, mirror, Map.of());
    }

    /** The central file a path of {@link #allowlist()} or {@link #platforms()} stands for, if it is one. */
    public java.util.Optional<CentralFile> central(Path p) {
        return java.util.Optional.ofNullable(central.get(p));
    }

    /** The same policy with these allowlists, platforms file and central files. */
    ImagePolicy withCentral(List<Path> lists, Path platformsFile, Map<Path, CentralFile> files) {
        return new ImagePolicy(pinned, unpinned, requirePinnedServices, lists, confinedTo, platformsFile, mirror,
                files);
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
