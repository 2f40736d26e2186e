package dev.spotlane.transform;

import java.util.Objects;

/**
 * What {@code fix --add-retry} did for one job on the cloud fleet that had no retry on
 * {@code runner_system_failure}.
 *
 * @param job    the job
 * @param file   the file the retry was written to, or null when left
 * @param reason why it is left (null when written)
 */
public record RetryNote(String job, String file, String reason) {
    public RetryNote {
        Objects.requireNonNull(job, "job");
    }

    public boolean added() {
        return reason == null;
    }
}
