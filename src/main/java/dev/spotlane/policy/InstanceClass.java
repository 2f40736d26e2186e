package dev.spotlane.policy;

import java.util.List;
import java.util.Objects;

/**
 * An instance class of the cloud fleet.
 *
 * @param name      its name in the rules file ({@code t4g}, {@code c7g})
 * @param tags      the tags that select it, besides the cloud tag
 * @param isDefault true for the class that takes jobs no other class's tags select
 */
public record InstanceClass(String name, List<String> tags, boolean isDefault) {
    public InstanceClass {
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(tags);
    }
}
