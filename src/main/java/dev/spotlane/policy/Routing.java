package dev.spotlane.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing part of the rules file.
 *
 * @param mode      explicit opt-in or overflow
 * @param cloudTag  the tag every cloud runner carries
 * @param localTags the local runner's tags (dropped when a job moves to the cloud)
 * @param classes   instance classes by name, in the order written
 * @param routes    first match wins
 * @param otherRunners tag sets of runners spotlane does not manage (jobs with their tags stay where they are)
 */
public record Routing(RoutingMode mode, String cloudTag, List<String> localTags, Map<String, InstanceClass> classes,
                      List<Route> routes, List<List<String>> otherRunners) {
    public Routing {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cloudTag, "cloudTag");
        localTags = List.copyOf(localTags);
        classes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classes));
        routes = List.copyOf(routes);
        otherRunners = otherRunners.stream().map(List::copyOf).toList();
    }

    /** Routing without other runners. */
    public Routing(RoutingMode mode, String cloudTag, List<String> localTags, Map<String, InstanceClass> classes,
                   List<Route> routes) {
        this(mode, cloudTag, localTags, classes, routes, List.of());
    }

    /** The first route matching the job, if any. */
    public Optional<Route> route(String job, String stage, List<String> extendsParents) {
        return routes.stream().filter(r -> r.matches(job, stage, extendsParents)).findFirst();
    }

    public InstanceClass defaultClass() {
        return classes.values().stream().filter(InstanceClass::isDefault).findFirst().orElseThrow();
    }
}
