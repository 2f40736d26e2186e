package dev.spotlane.policy;

import java.util.Objects;

/** An EC2 instance type of the fleet and the class it serves. */
public record InstanceType(String name, String className, double vcpu, double memoryGib) {
    public InstanceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
    }
}
