package dev.spotlane.gitlab;

import dev.spotlane.policy.init.KnownRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gitlab4j.api.models.Runner;
import org.gitlab4j.api.models.RunnerDetail;

/**
 * The runners a project can use (its own, its groups', and the instance's shared runners it allows), with their
 * tags: {@code GET /projects/:id/runners}, then {@code GET /runners/:id} for each one's {@code tag_list} (the list
 * does not carry it).
 */
public final class ProjectRunners {
    /** At most this many runners are read in detail; a project with more is unusual and the rest are listed only. */
    public static final int MAX_DETAILED = 200;

    private ProjectRunners() {
    }

    /**
     * Reads the runners of a project.
     *
     * @param client  the GitLab client
     * @param project the project's path ({@code group/app}) or numeric id
     */
    public static List<KnownRunner> read(GitLabClient client, String project) throws GitLabException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(project, "project");
        List<Runner> listed = client.all("runners of " + project,
                () -> client.api().getRunnersApi().getProjectRunners(project, GitLabClient.PER_PAGE));
        List<KnownRunner> out = new ArrayList<>();
        for (Runner r : listed) {
            if (out.size() >= MAX_DETAILED || r.getId() == null) {
                break;
            }
            RunnerDetail d = client.read("runner #" + r.getId(), () -> client.api().getRunnersApi()
                    .getRunnerDetail(r.getId()));
            List<String> tags = d.getTagList() != null ? d.getTagList() : r.getTags() != null ? r.getTags()
                    : List.of();
            Runner.RunnerType type = d.getRunnerType() != null ? d.getRunnerType() : r.getRunnerType();
            Boolean active = d.getActive() != null ? d.getActive() : r.getActive();
            out.add(new KnownRunner(r.getId(), d.getDescription() != null ? d.getDescription() : r.getDescription(),
                    type == null ? (Boolean.TRUE.equals(r.getIs_shared()) ? "instance_type" : "") : type.toValue(),
                    tags.stream().filter(t -> t != null && !t.isBlank()).toList(), Boolean.FALSE.equals(active)));
        }
        return out;
    }
}
