package dev.spotlane.policy;

import java.util.Objects;

/**
 * The runner of one cloud class: its Auto Scaling group and autoscaler limits.
 *
 * @param className           the instance class it serves
 * @param asg                 the Auto Scaling group (one per runner, never shared)
 * @param instanceType        the EC2 instance type the group launches (for cost estimates)
 * @param maxInstances        cap on instances in any state
 * @param capacityPerInstance jobs a worker runs at once
 * @param maxUseCount         jobs a worker runs before it is replaced (0: no limit)
 * @param tokenEnv            the environment variable holding the runner's authentication token
 */
public record ClassRunner(String className, String asg, String instanceType, int maxInstances,
                          int capacityPerInstance, int maxUseCount, String tokenEnv) {
    public ClassRunner {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(asg, "asg");
        Objects.requireNonNull(tokenEnv, "tokenEnv");
    }
}
