package dev.spotlane.policy.init;

import java.util.List;

/**
 * One distinct set of tags the pipeline's jobs carry, and the jobs that carry it.
 *
 * @param tags the tags, in the order first written
 * @param jobs the jobs carrying exactly this set, sorted
 */
public record TagUse(List<String> tags, List<String> jobs) {
    public TagUse {
        tags = List.copyOf(tags);
        jobs = List.copyOf(jobs);
    }
}
