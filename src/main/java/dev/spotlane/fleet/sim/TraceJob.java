package dev.spotlane.fleet.sim;

import java.util.List;
import java.util.Objects;

/**
 * One finished job of a job history ({@code jobs.json}). Times are epoch milliseconds and durations milliseconds;
 * {@link #MISSING} stands for a field the trace did not have.
 *
 * @param project    the project's path
 * @param pipeline   the pipeline's id when the trace has one ({@code pipeline_id}), else null
 * @param name       the job name (routes match it)
 * @param stage      the job's stage ({@code test} when missing, as in GitLab)
 * @param tags       the job's tags when it ran
 * @param runner     the runner that ran it, informational
 * @param createdAt  when the job was created, with its pipeline (tells pipelines apart without an id)
 * @param startedAt  when a runner started it
 * @param finishedAt when it finished
 * @param duration   how long it ran
 * @param queued     how long it was pending before a runner took it
 * @param artifactsBytes bytes of the artifacts it uploaded ({@code artifacts_size}), or {@link #MISSING}
 */
public record TraceJob(String project, String pipeline, String name, String stage, List<String> tags, String runner,
                       long createdAt, long startedAt, long finishedAt, long duration, long queued,
                       long artifactsBytes) {
    /** A field the trace did not have. */
    public static final long MISSING = Long.MIN_VALUE;

    public TraceJob {
        Objects.requireNonNull(tags, "tags");
        stage = stage == null ? "test" : stage;
    }

    /** A job without an artifact size. */
    public TraceJob(String project, String pipeline, String name, String stage, List<String> tags, String runner,
                    long createdAt, long startedAt, long finishedAt, long duration, long queued) {
        this(project, pipeline, name, stage, tags, runner, createdAt, startedAt, finishedAt, duration, queued,
                MISSING);
    }

    /** How long the job ran: {@code duration}, else {@code finished_at - started_at}, else {@link #MISSING}. */
    public long runMillis() {
        if (duration != MISSING) {
            return duration;
        }
        return startedAt != MISSING && finishedAt != MISSING ? finishedAt - startedAt : MISSING;
    }

    /**
     * When the job became pending: {@code started_at - queued_duration} (the moment a runner could have taken it),
     * else {@code started_at}; {@link #MISSING} without {@code started_at}.
     */
    public long pendingAt() {
        if (startedAt == MISSING) {
            return MISSING;
        }
        return queued == MISSING ? startedAt : startedAt - queued;
    }
}
