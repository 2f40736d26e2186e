package dev.spotlane.policy;

import java.util.Map;

/** The cloud fleet: region and instance types. */
public record Fleet(String region, Map<String, InstanceType> instanceTypes) {
    public Fleet {
        instanceTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(instanceTypes));
    }
}
