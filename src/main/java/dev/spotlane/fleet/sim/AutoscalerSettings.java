package dev.spotlane.fleet.sim;

/**
 * The {@code [runners.autoscaler]} settings of one class's runner that the simulation models (facts B4, B7).
 *
 * @param capacityPerInstance jobs one instance runs at once
 * @param maxInstances        cap on instances in any state; 0 = no cap
 * @param idleCount           idle job slots kept ready (instances = ceil(idle_count / capacity_per_instance))
 * @param maxUseCount         jobs per instance before it is removed; 0 = no limit
 */
public record AutoscalerSettings(int capacityPerInstance, int maxInstances, int idleCount, int maxUseCount) {
    /** The user's design: one job per instance, at most ten instances, scale to zero, workers reused. */
    public static final AutoscalerSettings DESIGN = new AutoscalerSettings(1, 10, 0, 0);

    public AutoscalerSettings {
        if (capacityPerInstance < 1) {
            throw new IllegalArgumentException("capacity_per_instance must be at least 1, found "
                    + capacityPerInstance);
        }
        if (maxInstances < 0 || idleCount < 0 || maxUseCount < 0) {
            throw new IllegalArgumentException("max_instances, idle_count and max_use_count must not be negative");
        }
    }

    public AutoscalerSettings withCapacityPerInstance(int v) {
        return new AutoscalerSettings(v, maxInstances, idleCount, maxUseCount);
    }

    public AutoscalerSettings withMaxInstances(int v) {
        return new AutoscalerSettings(capacityPerInstance, v, idleCount, maxUseCount);
    }

    public AutoscalerSettings withIdleCount(int v) {
        return new AutoscalerSettings(capacityPerInstance, maxInstances, v, maxUseCount);
    }

    public AutoscalerSettings withMaxUseCount(int v) {
        return new AutoscalerSettings(capacityPerInstance, maxInstances, idleCount, v);
    }
}
