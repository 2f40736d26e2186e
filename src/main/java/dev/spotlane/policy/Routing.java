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
 * @param localAllowedPullPolicies the local runner's {@code allowed_pull_policies} as the rules declare them
 *                  ({@code routing.local_runner.allowed_pull_policies}, default {@code [always]}, GitLab Runner's
 *                  default): a pull_policy is written for an image a job on the local runner uses only when it is
 *                  in this list
 */
public record Routing(RoutingMode mode, String cloudTag, List<String> localTags, Map<String, InstanceClass> classes,
                      List<Route> routes, List<List<String>> otherRunners, List<String> localAllowedPullPolicies) {
    /** GitLab Runner's default: {@code allowed_pull_policies} defaults to its {@code pull_policy}, {@code always}. */
    public static final List<String> RUNNER_DEFAULT_ALLOWED = List.of("always");

    public Routing {
        localAllowedPullPolicies = List.copyOf(localAllowedPullPolicies);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cloudTag, "cloudTag");
        localTags = List.copyOf(localTags);
        classes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classes));
        routes = List.copyOf(routes);
        otherRunners = otherRunners.stream().map(List::copyOf).toList();
    }

    /** Routing whose local runner allows GitLab Runner's default policies. */
    public Routing(RoutingMode mode, String cloudTag, List<String> localTags, Map<String, InstanceClass> classes,
                   List<Route> routes, List<List<String>> otherRunners) {
        this(mode, cloudTag, localTags, classes, routes, otherRunners, RUNNER_DEFAULT_ALLOWED);
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

    /**
     * The cloud classes whose runner may take a job with these resolved tags: GitLab gives a job to a runner holding
     * all its tags, so every class whose tags (with the cloud tag) cover the job's; an untagged job only in overflow
     * mode, to the default class.
     */
    public List<InstanceClass> classesFor(List<String> tags) {
        if (tags.isEmpty()) {
            return mode == RoutingMode.OVERFLOW ? List.of(defaultClass()) : List.of();
        }
        List<InstanceClass> out = new java.util.ArrayList<>();
        for (InstanceClass c : classes.values()) {
            java.util.Set<String> offered = new java.util.HashSet<>(c.tags());
            offered.add(cloudTag);
            if (offered.containsAll(tags)) {
                out.add(c);
            }
        }
        return out;
    }

    /** True when the local runner may take a job with these tags: untagged, or only local tags. */
    public boolean localMayTake(List<String> tags) {
        return tags.isEmpty() || localTags.containsAll(tags);
    }

    /**
     * The pull policies every runner that may take a job with these tags allows, in the order given; empty when an
     * unmanaged runner may take it (its allowed policies are unknown). The cloud runners allow {@code cloud}.
     */
    public List<String> allowedPullPolicies(List<String> tags, List<String> cloud) {
        List<InstanceClass> classes = classesFor(tags);
        boolean local = localMayTake(tags);
        if (classes.isEmpty() && !local) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(classes.isEmpty() ? localAllowedPullPolicies : cloud);
        if (local) {
            out.retainAll(localAllowedPullPolicies);
        }
        return out;
    }

    public InstanceClass defaultClass() {
        return classes.values().stream().filter(InstanceClass::isDefault).findFirst().orElseThrow();
    }
}
