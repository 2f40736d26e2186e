package dev.spotlane.gitlab.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished CI job of the history, as {@code jobs.json} holds it. Every field but {@code tags} may be null: GitLab
 * leaves {@code started_at} and {@code duration} out for a job canceled before a runner took it, and {@code runner}
 * out when none did.
 *
 * @param project        the project's path, e.g. {@code group/app}
 * @param pipelineId     the pipeline's id when known (GitLab's job payload has it; a CSV export may not)
 * @param name           the job name (routes match it)
 * @param stage          the job's stage
 * @param tags           the job's tags ({@code tag_list})
 * @param runner         the runner's description
 * @param createdAt      when the job was created, with its pipeline
 * @param startedAt      when a runner started it
 * @param finishedAt     when it finished
 * @param duration       seconds it ran
 * @param queuedDuration seconds it waited for a runner
 * @param artifactsSize  bytes of the artifacts it uploaded (the jobs API's {@code artifacts[].size} added up), or
 *                       null when unknown
 */
public record UsageJob(String project, String pipelineId, String name, String stage, List<String> tags,
                       String runner, Instant createdAt, Instant startedAt, Instant finishedAt, Double duration,
                       Double queuedDuration, Long artifactsSize) {
    public UsageJob {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A job without an artifact size. */
    public UsageJob(String project, String pipelineId, String name, String stage, List<String> tags, String runner,
                    Instant createdAt, Instant startedAt, Instant finishedAt, Double duration,
                    Double queuedDuration) {
        this(project, pipelineId, name, stage, tags, runner, createdAt, startedAt, finishedAt, duration,
                queuedDuration, null);
    }

    /** Seconds the job ran: {@code duration}, else {@code finished_at - started_at}, else null. */
    public Double runSeconds() {
        if (duration != null) {
            return duration;
        }
        if (startedAt != null && finishedAt != null && !finishedAt.isBefore(startedAt)) {
            return Duration.between(startedAt, finishedAt).toMillis() / 1000d;
        }
        return null;
    }

    /** The moment the job counts for in a daily total: when it started, else when it was created or finished. */
    public Instant when() {
        return startedAt != null ? startedAt : createdAt != null ? createdAt : finishedAt;
    }

    /** The stage GitLab gives a job without one. */
    public String stageOrDefault() {
        return stage == null ? "test" : stage;
    }

    /** A copy with the project set (an export that names none). */
    UsageJob withProject(String path) {
        return new UsageJob(Objects.requireNonNull(path, "path"), pipelineId, name, stage, tags, runner, createdAt,
                startedAt, finishedAt, duration, queuedDuration, artifactsSize);
    }
}
