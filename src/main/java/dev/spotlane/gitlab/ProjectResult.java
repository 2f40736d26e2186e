package dev.spotlane.gitlab;

import java.util.Objects;

/**
 * What the cutover bot did for one project.
 *
 * @param project      the project path ({@code group/sub/project})
 * @param outcome      what happened
 * @param detail       one line for people: the reason for a failure or skip, what changed
 * @param mergeRequest the merge request's web URL, or null
 * @param requests     API requests made for this project (retries included; cached reads cost nothing)
 * @param diff         the unified diff of the planned change (empty when nothing changes)
 */
public record ProjectResult(String project, Outcome outcome, String detail, String mergeRequest, int requests,
                            String diff) {
    public ProjectResult {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(diff, "diff");
    }

    /** What happened to a project. */
    public enum Outcome {
        /** A merge request was opened. */
        OPENED("opened"),
        /** The open merge request got a new commit or description. */
        UPDATED("updated"),
        /** The open merge request already holds the change. */
        UP_TO_DATE("up to date"),
        /** The pipeline already follows the policy: nothing to do. */
        COMPLIANT("compliant"),
        /** {@code --dry-run}: a change is needed; nothing was written. */
        WOULD_CHANGE("would change"),
        /** A change is needed, but {@code --max-mrs} merge requests were already opened in this run. */
        CAPPED("skipped (--max-mrs)"),
        /** Not worked on: archived, empty repository. */
        SKIPPED("skipped"),
        /**
         * Not worked on: the default branch has no CI configuration file (documentation and library projects in a
         * group). Not a failure: a nightly bot job stays green for them.
         */
        NO_CI("skipped (no CI configuration)"),
        /** Something went wrong; the run goes on and exits 1. */
        FAILED("failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
