package dev.spotlane.lint;

import dev.spotlane.images.Allowlist;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.transform.Decision;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.JobNeeds;
import dev.spotlane.transform.JobNeedsFinder;
import dev.spotlane.yaml.YamlError;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What checks look at: the resolved pipeline (null when the main file is not valid YAML), the policy, the planned
 * fix (its routing decisions and pull-policy notes), and every image the pipeline pulls.
 *
 * @param mainError the main file's syntax error, or null
 * @param pipeline  the resolved pipeline, or null when {@code mainError} is set
 * @param policy    the rules
 * @param fix       what {@code spotlane fix} would do, or null when the pipeline has errors
 * @param images    every image pulled, variables expanded where known
 * @param allowlist the AMI allowlist, or null when there is none
 * @param needs     every job's needs as the fix plan found them (the same for the checks), or null: found when asked
 *                  ({@link #jobNeeds()})
 */
public record LintContext(YamlError mainError, ResolvedPipeline pipeline, Policy policy, FixResult fix,
                          List<ResolvedImage> images, Allowlist allowlist, Map<String, JobNeeds> needs) {
    public LintContext {
        Objects.requireNonNull(policy, "policy");
        images = List.copyOf(images);
    }

    /** A context whose jobs' needs are found when a check asks for them. */
    public LintContext(YamlError mainError, ResolvedPipeline pipeline, Policy policy, FixResult fix,
                       List<ResolvedImage> images, Allowlist allowlist) {
        this(mainError, pipeline, policy, fix, images, allowlist, null);
    }

    /** A context without an allowlist. */
    public LintContext(YamlError mainError, ResolvedPipeline pipeline, Policy policy, FixResult fix,
                       List<ResolvedImage> images) {
        this(mainError, pipeline, policy, fix, images, null);
    }

    /** The routing decision for each job, by name (empty when there is no fix plan). */
    public Map<String, Decision> decisions() {
        if (fix == null) {
            return Map.of();
        }
        Map<String, Decision> out = new java.util.LinkedHashMap<>();
        for (Decision d : fix.decisions()) {
            out.put(d.job(), d);
        }
        return out;
    }

    /**
     * Every job's needs ({@link JobNeedsFinder#of} of the pipeline and the policy's platforms): the ones the fix plan
     * routed by when given, else found now.
     *
     * @throws NullPointerException when there is no pipeline
     */
    public Map<String, JobNeeds> jobNeeds() {
        return needs != null ? needs : JobNeedsFinder.of(pipeline, policy.platforms());
    }

    public Optional<ResolvedPipeline> resolved() {
        return Optional.ofNullable(pipeline);
    }
}
