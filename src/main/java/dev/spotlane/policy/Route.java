package dev.spotlane.policy;

import java.util.List;
import java.util.Objects;

/**
 * A routing rule: jobs it matches go to {@code className}. Every criterion given must match; within one, any
 * pattern may.
 *
 * @param name      the route's name, for reports
 * @param jobs      job name patterns (empty: any)
 * @param stages    stage patterns (empty: any)
 * @param parents   {@code extends} parent patterns (empty: any)
 * @param className the instance class
 */
public record Route(String name, List<NamePattern> jobs, List<NamePattern> stages, List<NamePattern> parents,
                   String className) {
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        jobs = List.copyOf(jobs);
        stages = List.copyOf(stages);
        parents = List.copyOf(parents);
    }

    /** True when the job (name, resolved stage, direct extends parents) matches every criterion. */
    public boolean matches(String job, String stage, List<String> extendsParents) {
        return any(jobs, List.of(job)) && any(stages, List.of(stage)) && any(parents, extendsParents);
    }

    private static boolean any(List<NamePattern> patterns, List<String> values) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> values.stream().anyMatch(p::matches));
    }
}
