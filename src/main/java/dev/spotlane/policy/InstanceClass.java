package dev.spotlane.policy;

import java.util.List;
import java.util.Objects;

/**
 * An instance class of the cloud fleet.
 *
 * @param name      its name in the rules file ({@code t4g}, {@code c7g})
 * @param tags      the tags that select it, besides the cloud tag
 * @param isDefault  true for the class that takes jobs no other class's tags select
 * @param arch       the CPU architecture of its workers, as in an OCI platform ({@code arm64}, {@code amd64})
 * @param privileged whether its runner starts job containers privileged (what docker:dind needs)
 */
public record InstanceClass(String name, List<String> tags, boolean isDefault, String arch, boolean privileged) {
    /** The design's workers: ARM, not privileged. */
    public static final String DEFAULT_ARCH = "arm64";

    public InstanceClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        tags = List.copyOf(tags);
    }

    /** A class with the design's capabilities ({@code arch: arm64}, {@code privileged: false}). */
    public InstanceClass(String name, List<String> tags, boolean isDefault) {
        this(name, tags, isDefault, DEFAULT_ARCH, false);
    }
}
