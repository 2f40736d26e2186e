package dev.spotlane.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cloud fleet: region, instance types, and what the runner manager's {@code config.toml} needs.
 *
 * @param region            AWS region of the Auto Scaling groups
 * @param instanceTypes     EC2 instance types and the classes they serve
 * @param gitlabUrl         the GitLab the runners poll
 * @param plugin            the fleeting plugin reference
 * @param runners           one runner per cloud class, by class name
 * @param policies          autoscaler policies (the last matching one wins)
 * @param connectorUser     the login user on the workers
 * @param useExternalAddr   whether the manager connects to the workers' public addresses
 * @param dockerImage       the default job image
 * @param privileged        whether job containers run privileged (needed for docker:dind)
 * @param costs             {@code fleet.costs}: what the cost estimate should use beyond spot prices
 * @param cache             the shared S3 cache of the runners, or null when they keep only local caches
 * @param manager           where the runner manager runs ({@code fleet.manager}); {@link Manager#UNKNOWN} when the
 *                          rules do not say
 */
public record Fleet(String region, Map<String, InstanceType> instanceTypes, String gitlabUrl, String plugin,
                    Map<String, ClassRunner> runners, List<IdlePolicy> policies, String connectorUser,
                    boolean useExternalAddr, String dockerImage, boolean privileged, FleetCosts costs,
                    SharedCache cache, Manager manager) {
    public Fleet {
        Objects.requireNonNull(region, "region");
        costs = costs == null ? FleetCosts.NONE : costs;
        manager = manager == null ? Manager.UNKNOWN : manager;
        instanceTypes = Collections.unmodifiableMap(new LinkedHashMap<>(instanceTypes));
        runners = Collections.unmodifiableMap(new LinkedHashMap<>(runners));
        policies = List.copyOf(policies);
    }

    /**
     * The instance type serving a class: its runner's {@code instance_type} when {@code instance_types} lists it,
     * else the first of {@code instance_types} serving the class, else null. {@code usage} and {@code simulate} take
     * a class's vCPUs (CPU-hours) and price from it.
     */
    public InstanceType instanceTypeOf(String className) {
        ClassRunner runner = runners.get(className);
        if (runner != null && runner.instanceType() != null && instanceTypes.containsKey(runner.instanceType())) {
            return instanceTypes.get(runner.instanceType());
        }
        return instanceTypes.values().stream().filter(t -> t.className().equals(className)).findFirst()
                .orElse(null);
    }

    /** A fleet whose manager's place is unknown. */
    public Fleet(String region, Map<String, InstanceType> instanceTypes, String gitlabUrl, String plugin,
                 Map<String, ClassRunner> runners, List<IdlePolicy> policies, String connectorUser,
                 boolean useExternalAddr, String dockerImage, boolean privileged, FleetCosts costs,
                 SharedCache cache) {
        this(region, instanceTypes, gitlabUrl, plugin, runners, policies, connectorUser, useExternalAddr, dockerImage,
                privileged, costs, cache, Manager.UNKNOWN);
    }

    /** The same fleet with its manager placed; {@code use_external_addr} follows it. */
    public Fleet withManager(Manager placed) {
        return new Fleet(region, instanceTypes, gitlabUrl, plugin, runners, policies, connectorUser,
                placed.useExternalAddr(), dockerImage, privileged, costs, cache, placed);
    }

    /** A fleet without {@code fleet.costs} and without a shared cache. */
    public Fleet(String region, Map<String, InstanceType> instanceTypes, String gitlabUrl, String plugin,
                 Map<String, ClassRunner> runners, List<IdlePolicy> policies, String connectorUser,
                 boolean useExternalAddr, String dockerImage, boolean privileged) {
        this(region, instanceTypes, gitlabUrl, plugin, runners, policies, connectorUser, useExternalAddr, dockerImage,
                privileged, FleetCosts.NONE, null);
    }

    /** A fleet without a shared cache. */
    public Fleet(String region, Map<String, InstanceType> instanceTypes, String gitlabUrl, String plugin,
                 Map<String, ClassRunner> runners, List<IdlePolicy> policies, String connectorUser,
                 boolean useExternalAddr, String dockerImage, boolean privileged, FleetCosts costs) {
        this(region, instanceTypes, gitlabUrl, plugin, runners, policies, connectorUser, useExternalAddr, dockerImage,
                privileged, costs, null);
    }

    /** The same fleet with runners for every class. */
    public Fleet withRunners(Map<String, ClassRunner> classRunners) {
        return new Fleet(region, instanceTypes, gitlabUrl, plugin, classRunners, policies, connectorUser,
                useExternalAddr, dockerImage, privileged, costs, cache, manager);
    }

    /** A fleet with the user's design defaults for everything but region and instance types. */
    public Fleet(String region, Map<String, InstanceType> instanceTypes) {
        this(region, instanceTypes, "https://gitlab.com", "aws", Map.of(), List.of(new IdlePolicy(List.of(), null, 0,
                "20m", null, null)), "ec2-user", false, "alpine:3.20", false);
    }
}
