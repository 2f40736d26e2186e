package dev.spotlane.transform;

import java.util.List;
import java.util.Objects;

/**
 * What the routing policy decided for one job.
 *
 * @param job       the job name
 * @param outcome   moved, already compliant, kept where it is, or matched by no route
 * @param reason    why a job was kept (empty otherwise)
 * @param route     the route that matched, or null
 * @param className the instance class it goes to, or null
 * @param from      the job's resolved tags before
 * @param to        the tags it should have (equal to {@code from} unless moved)
 */
public record Decision(String job, Outcome outcome, String reason, String route, String className,
                       List<String> from, List<String> to) {
    public Decision {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    /**
     * True when the job runs on a cloud class once the pipeline follows the rules: moved there, or already there.
     * Fix (the retry it adds) and lint (the checks about cloud jobs) take the cloud jobs from here.
     */
    public boolean onCloud() {
        return className != null && (outcome == Outcome.MOVE || outcome == Outcome.COMPLIANT);
    }

    /** What happens to a job. */
    public enum Outcome {
        /** Its tags change to route it to a cloud class. */
        MOVE,
        /** It already has the tags the policy wants. */
        COMPLIANT,
        /** It stays where it is, for {@link Decision#reason()}. */
        KEEP,
        /** No route matches it; it stays as it is. */
        NO_ROUTE
    }
}
