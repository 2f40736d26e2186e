package dev.spotlane.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A loaded, validated rules file.
 *
 * @param source          the rules file's display name ({@code (bundled)} for the default)
 * @param routing         routing policy
 * @param images          image classes and allowlist
 * @param fleet           the cloud fleet
 * @param checkSeverities lint check id → {@code error|warning|info|off}
 * @param sections        the top-level keys the file writes ({@code fleet} absent: the fleet is all defaults)
 * @param platforms       the image platforms read from {@code images.platforms} ({@link ImagePlatforms#NONE} until
 *                        read: see {@link #withPlatforms})
 * @param assumeComplete  true to move jobs whose configuration spotlane could not read whole
 *                        ({@code --assume-complete})
 */
public record Policy(String source, Routing routing, ImagePolicy images, Fleet fleet,
                     Map<String, String> checkSeverities, Set<String> sections, ImagePlatforms platforms,
                     boolean assumeComplete) {
    public Policy {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(platforms, "platforms");
        checkSeverities = Map.copyOf(checkSeverities);
        sections = Set.copyOf(sections);
    }

    /** A policy that writes the given sections, with no platforms file read, leaving incomplete jobs. */
    public Policy(String source, Routing routing, ImagePolicy images, Fleet fleet, Map<String, String> checkSeverities,
                  Set<String> sections) {
        this(source, routing, images, fleet, checkSeverities, sections, ImagePlatforms.NONE, false);
    }

    /** Whether these are the bundled default rules (no {@code .spotlane.yml} and no {@code --rules}). */
    public boolean bundled() {
        return PolicyLoader.BUNDLED.equals(source);
    }

    /** Whether the file writes a {@code fleet:} section (else the fleet is spotlane's defaults). */
    public boolean fleetWritten() {
        return sections.contains("fleet");
    }

    /** A policy that writes every section, with no platforms file read, leaving incomplete jobs. */
    public Policy(String source, Routing routing, ImagePolicy images, Fleet fleet,
                  Map<String, String> checkSeverities) {
        this(source, routing, images, fleet, checkSeverities, Set.of("version", "routing", "images", "fleet", "lint"));
    }

    /**
     * The same rules with the runner manager's kind given on the command line ({@code runner-config --manager}):
     * {@code use_external_addr} follows it, and what the rules say against it is a problem at its line.
     */
    public Policy withManager(Manager.Kind kind) throws PolicyException {
        return new Policy(source, routing, images, fleet.withManager(fleet.manager().withKind(kind)), checkSeverities,
                sections, platforms, assumeComplete);
    }

    /**
     * The same rules with the image platforms read; with an ECR pull-through cache the entries also answer for the
     * cache's names of the same images.
     */
    public Policy withPlatforms(ImagePlatforms read) {
        return new Policy(source, routing, images, fleet, checkSeverities, sections,
                read.withMirrorNames(images.mirror()), assumeComplete);
    }

    /** The same rules, moving (or not) jobs whose configuration spotlane could not read whole. */
    public Policy withAssumeComplete(boolean assume) {
        return new Policy(source, routing, images, fleet, checkSeverities, sections, platforms, assume);
    }
}
