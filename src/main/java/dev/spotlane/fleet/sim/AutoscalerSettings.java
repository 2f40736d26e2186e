package dev.spotlane.fleet.sim;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.IdlePolicy;
import java.util.Objects;

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

    /**
     * A class's settings as the rules' {@code fleet} section writes them: its runner's {@code capacity_per_instance},
     * {@code max_instances} and {@code max_use_count}, and the {@code idle_count} of the catch-all policy. Without a
     * runner for the class, the design's.
     */
    public static AutoscalerSettings of(Fleet fleet, String className) {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(className, "className");
        ClassRunner r = fleet.runners().get(className);
        IdlePolicy p = catchAll(fleet);
        int idleCount = p == null ? DESIGN.idleCount() : Math.max(0, p.idleCount());
        if (r == null) {
            return DESIGN.withIdleCount(idleCount);
        }
        return new AutoscalerSettings(Math.max(1, r.capacityPerInstance()), Math.max(0, r.maxInstances()), idleCount,
                Math.max(0, r.maxUseCount()));
    }

    /**
     * The policy in force when no period applies: the last one without {@code periods} (the last matching policy
     * wins), else null. The simulation uses one policy for the whole trace.
     */
    public static IdlePolicy catchAll(Fleet fleet) {
        IdlePolicy found = null;
        for (IdlePolicy p : fleet.policies()) {
            if (p.periods().isEmpty()) {
                found = p;
            }
        }
        return found;
    }

    /** The catch-all policy's {@code idle_time} (ms), or -1 without one or when it is not a duration. */
    public static long idleTimeOf(Fleet fleet) {
        IdlePolicy p = catchAll(fleet);
        if (p == null) {
            return -1;
        }
        try {
            return Durations.parseMillis(p.idleTime());
        } catch (IllegalArgumentException e) {
            return -1;
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
