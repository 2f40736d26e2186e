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
 */
public record Policy(String source, Routing routing, ImagePolicy images, Fleet fleet,
                     Map<String, String> checkSeverities, Set<String> sections) {
    public Policy {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(fleet, "fleet");
        checkSeverities = Map.copyOf(checkSeverities);
        sections = Set.copyOf(sections);
    }

    /** A policy that writes every section. */
    public Policy(String source, Routing routing, ImagePolicy images, Fleet fleet, Map<String, String> checkSeverities) {
        this(source, routing, images, fleet, checkSeverities, Set.of("version", "routing", "images", "fleet", "lint"));
    }

    /** Whether these are the bundled default rules (no {@code .spotlane.yml} and no {@code --rules}). */
    public boolean bundled() {
        return PolicyLoader.BUNDLED.equals(source);
    }

    /** Whether the file writes a {@code fleet:} section (else the fleet is spotlane's defaults). */
    public boolean fleetWritten() {
        return sections.contains("fleet");
    }
}
