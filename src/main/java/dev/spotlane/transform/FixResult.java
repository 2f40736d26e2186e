package dev.spotlane.transform;

import dev.spotlane.policy.Policy;
import java.util.List;

/**
 * What {@code spotlane fix} plans for one pipeline.
 *
 * @param policy    the policy applied
 * @param decisions one routing decision per job
 * @param images    one note per image written in an editable file
 * @param changes   the files to rewrite (empty when nothing needs to change)
 * @param edits     each decision's or image's own edit, for findings that carry their fix
 * @param cache     what happened to each Docker Hub image the rules ask to point at an ECR pull-through cache
 * @param retries   what {@code --add-retry} did for each job that needed a retry on runner_system_failure
 */
public record FixResult(Policy policy, List<Decision> decisions, List<ImageNote> images, List<FileChange> changes,
                        List<PlannedEdit> edits, List<CacheNote> cache, List<RetryNote> retries) {
    public FixResult {
        decisions = List.copyOf(decisions);
        images = List.copyOf(images);
        changes = List.copyOf(changes);
        edits = List.copyOf(edits);
        cache = List.copyOf(cache);
        retries = List.copyOf(retries);
    }

    /** A result without cache rewrites or retries. */
    public FixResult(Policy policy, List<Decision> decisions, List<ImageNote> images, List<FileChange> changes,
                     List<PlannedEdit> edits) {
        this(policy, decisions, images, changes, edits, List.of(), List.of());
    }

    /** Each job's edit (the first one planned for it), for callers that look up every job. */
    public java.util.Map<String, PlannedEdit> editsByJob() {
        java.util.Map<String, PlannedEdit> out = new java.util.HashMap<>();
        for (PlannedEdit e : edits) {
            if (e.job() != null) {
                out.putIfAbsent(e.job(), e);
            }
        }
        return out;
    }

    /** Each image's edit (the first one planned for it), for callers that look up every image. */
    public java.util.Map<dev.spotlane.model.Location, PlannedEdit> editsByImage() {
        java.util.Map<dev.spotlane.model.Location, PlannedEdit> out = new java.util.HashMap<>();
        for (PlannedEdit e : edits) {
            if (e.image() != null) {
                out.putIfAbsent(e.image(), e);
            }
        }
        return out;
    }

    /** The edit that moves a job, if any (a scan: use {@link #editsByJob()} to look up many). */
    public java.util.Optional<PlannedEdit> editForJob(String job) {
        return edits.stream().filter(e -> job.equals(e.job())).findFirst();
    }

    /** The edit that sets an image's pull_policy, if any. */
    public java.util.Optional<PlannedEdit> editForImage(dev.spotlane.model.Location image) {
        return edits.stream().filter(e -> image.equals(e.image())).findFirst();
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
