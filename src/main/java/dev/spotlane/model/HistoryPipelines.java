package dev.spotlane.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells the pipelines of a job history apart, the one way {@code usage} and {@code simulate} both count them: jobs
 * of one project with the same pipeline id are one pipeline; without an id, jobs of one project created at the same
 * moment are (GitLab creates a pipeline's jobs together); a job with neither belongs to no known pipeline.
 */
public final class HistoryPipelines {
    private record Key(String project, String id, long created) {
    }

    private final Map<Key, Integer> ids = new HashMap<>();
    private int byId;
    private int byCreated;
    private int unknown;

    /**
     * The pipeline of a job, numbered from 0 in the order first seen, or -1 when it cannot be told.
     *
     * @param project    the project's path (may be null)
     * @param pipelineId the pipeline id, or null
     * @param createdAt  when the job was created (epoch ms), or {@code missing}
     * @param missing    the value that stands for no {@code createdAt}
     */
    public int add(String project, String pipelineId, long createdAt, long missing) {
        if (pipelineId == null && createdAt == missing) {
            unknown++;
            return -1;
        }
        Key key = new Key(project, pipelineId, pipelineId == null ? createdAt : 0);
        Integer known = ids.putIfAbsent(key, ids.size());
        if (known != null) {
            return known;
        }
        if (pipelineId == null) {
            byCreated++;
        } else {
            byId++;
        }
        return ids.size() - 1;
    }

    /** Pipelines told apart. */
    public int count() {
        return ids.size();
    }

    /** Of those, pipelines told apart by their jobs' creation time (no pipeline id). */
    public int byCreatedAt() {
        return byCreated;
    }

    /** Of those, pipelines with an id. */
    public int byId() {
        return byId;
    }

    /** Jobs with neither a pipeline id nor a creation time. */
    public int jobsWithoutPipeline() {
        return unknown;
    }

    /** How the count was made, for people: empty when every pipeline had an id. */
    public String how() {
        if (byCreated == 0 && unknown == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (byCreated > 0 && byId == 0) {
            b.append("told apart by created_at: no pipeline ids");
        } else if (byCreated > 0) {
            b.append(byCreated).append(" without a pipeline id told apart by created_at");
        }
        if (unknown > 0) {
            b.append(b.length() > 0 ? "; " : "").append(unknown).append(" job").append(unknown == 1 ? "" : "s")
                    .append(" with neither pipeline id nor created_at not counted");
        }
        return b.toString();
    }
}
