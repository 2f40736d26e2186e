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
 */
public record FixResult(Policy policy, List<Decision> decisions, List<ImageNote> images, List<FileChange> changes) {
    public FixResult {
        decisions = List.copyOf(decisions);
        images = List.copyOf(images);
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
