package dev.spotlane.policy;

import java.util.List;
import java.util.Objects;

/**
 * Routes the jobs of a job history as {@code spotlane fix} would route them: a history knows a job's name, stage and
 * tags, nothing else, so each is routed as if it were written with just those keys. {@code usage} and
 * {@code simulate} both route through one implementation (the transform layer's, the function {@code fix} uses), so
 * they count the same jobs as routed and keep the others for the same reasons.
 */
@FunctionalInterface
public interface HistoryRouting {

    /**
     * A job as a history knows it.
     *
     * @param name  the job name (null when the history has none)
     * @param stage the stage ({@code test} when missing, as in GitLab)
     * @param tags  the tags it ran with
     */
    record Job(String name, String stage, List<String> tags) {
        public Job {
            stage = stage == null ? "test" : stage;
            tags = List.copyOf(tags);
        }
    }

    /**
     * Where a job goes.
     *
     * @param className the cloud class it goes to, or null when it stays where it is
     * @param route     the route that matched, or null
     * @param reason    why it stays (empty when it goes to the cloud): {@link #NO_ROUTE} or fix's reason to keep it
     */
    record Routed(String className, String route, String reason) {
        /** The reason of a job no route matches. */
        public static final String NO_ROUTE = "no route matches";

        public Routed {
            Objects.requireNonNull(reason, "reason");
        }

        /** True when the job goes to a cloud class. */
        public boolean cloud() {
            return className != null;
        }
    }

    /**
     * Routes distinct jobs.
     *
     * @param jobs the jobs, each once
     * @return one answer per job, in the same order
     */
    List<Routed> route(List<Job> jobs);
}
