package dev.spotlane.gitlab.usage;

import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.GitLabException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.GitLabApiForm;
import org.gitlab4j.api.JobApi;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.GroupProjectsFilter;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.models.Constants.JobScope;

/**
 * Reads finished jobs through gitlab4j-api and {@link GitLabClient} (every request counted, 429 and 5xx retried):
 * {@code GET /projects/:id/jobs?scope[]=success&scope[]=failed&scope[]=canceled&per_page=100}, page after page,
 * newest first, stopping at the first page that reaches a job created before the window. A project with
 * {@code n} jobs in the window takes {@code floor(n / 100) + 1} requests.
 */
public final class UsageCollector {
    /** The finished states: one listing asks for the three at once. */
    static final List<JobScope> SCOPES = List.of(JobScope.SUCCESS, JobScope.FAILED, JobScope.CANCELED);

    private final GitLabClient client;

    public UsageCollector(GitLabClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * A project to read: its path, and its id when a group listing gave it (the requests then use the id).
     *
     * @param path       {@code group/app}
     * @param id         the numeric id, or null for a project named on the command line
     * @param skipReason why the project is not read (archived, CI/CD disabled), or null
     */
    public record ProjectRef(String path, Long id, String skipReason) {
        public ProjectRef {
            Objects.requireNonNull(path, "path");
        }

        /** A project named on the command line: {@code /group/app/} is {@code group/app}. */
        public static ProjectRef named(String path) {
            return new ProjectRef(strip(path), null, null);
        }
    }

    /**
     * The projects of a run, sorted by path without duplicates, and the groups that could not be listed.
     *
     * @param projects     every project named or listed
     * @param failures     the groups that could not be listed
     * @param listRequests the requests the group listings took
     */
    public record Selection(List<ProjectRef> projects, List<GroupFailure> failures, int listRequests) {
        public Selection {
            projects = List.copyOf(projects);
            failures = List.copyOf(failures);
        }
    }

    /** A group that could not be listed, and GitLab's answer (the token scrubbed). */
    public record GroupFailure(String group, String message) {
    }

    /** The projects named, and each group's projects with its subgroups', archived ones left out. */
    public Selection select(List<String> groups, List<String> projects) {
        Map<String, ProjectRef> all = new TreeMap<>();
        List<GroupFailure> failures = new ArrayList<>();
        int before = client.total();
        for (String g : groups) {
            String group = strip(g);
            try {
                List<Project> listed = client.all("list projects of group " + group, () -> client.api().getGroupApi()
                        .getProjects(group, new GroupProjectsFilter().withIncludeSubGroups(true).withArchived(false),
                                GitLabClient.PER_PAGE));
                for (Project p : listed) {
                    if (p.getPathWithNamespace() == null || Boolean.TRUE.equals(p.getArchived())) {
                        continue;
                    }
                    String skip = Boolean.FALSE.equals(p.getJobsEnabled()) ? "CI/CD is disabled" : null;
                    all.putIfAbsent(p.getPathWithNamespace(), new ProjectRef(p.getPathWithNamespace(), p.getId(),
                            skip));
                }
            } catch (GitLabException e) {
                failures.add(new GroupFailure(group, e.getMessage()));
            }
        }
        for (String p : projects) {
            ProjectRef r = ProjectRef.named(p);
            all.putIfAbsent(r.path(), r);
        }
        return new Selection(new ArrayList<>(all.values()), failures, client.total() - before);
    }

    /** Told after each page of a long listing. */
    @FunctionalInterface
    public interface PageListener {
        void page(String project, int page, int jobsSoFar);
    }

    /**
     * One project's jobs in the window.
     *
     * @param jobs       finished jobs created in the window, oldest first
     * @param pages      pages read
     * @param unfinished jobs listed that had not finished (GitLab answers only finished ones when it honours the
     *                   scopes; counted in case one does not)
     * @param requests   requests made, retries included
     */
    public record ProjectJobs(List<UsageJob> jobs, int pages, int unfinished, int requests) {
        public ProjectJobs {
            jobs = List.copyOf(jobs);
        }
    }

    /** Reads one project's finished jobs in the window. */
    public ProjectJobs jobs(ProjectRef project, UsageWindow window, PageListener listener) throws GitLabException {
        Objects.requireNonNull(window, "window");
        int before = client.total();
        String path = project.path();
        JobApi api = client.api().getJobApi();
        Object ref = project.id() != null ? project.id() : path;
        MultivaluedMap<String, String> query = new GitLabApiForm().withParam("scope", SCOPES).asMap();
        String what = "list jobs of " + path;
        Pager<Job> pager = client.read(what, () -> new Pager<>(api, Job.class, GitLabClient.PER_PAGE, query,
                "projects", api.getProjectIdOrPath(ref), "jobs"));
        // the first page came with the pager: page(1) returns it without a request and sets the page counter
        List<Job> page = pager.page(1);
        List<UsageJob> out = new ArrayList<>();
        int pages = 1;
        int unfinished = 0;
        while (true) {
            boolean older = false;
            for (Job j : page) {
                Instant created = instant(j.getCreatedAt());
                if (created != null && created.isBefore(window.since())) {
                    older = true;
                    continue;
                }
                if (created != null && !created.isBefore(window.until())) {
                    continue;
                }
                if (!finished(j.getStatus())) {
                    unfinished++;
                    continue;
                }
                out.add(job(path, j));
            }
            if (older || !pager.hasNext()) {
                break;
            }
            int next = pager.getCurrentPage() + 1;
            page = client.read(what + " (page " + next + ")", () -> page(pager, next));
            pages++;
            if (listener != null) {
                listener.page(path, pages, out.size());
            }
        }
        Collections.reverse(out);
        return new ProjectJobs(out, pages, unfinished, client.total() - before);
    }

    /** A page of a pager: gitlab4j wraps the failure of a later page in a RuntimeException; unwrap it for retry. */
    private static <T> List<T> page(Pager<T> pager, int number) throws GitLabApiException {
        try {
            return pager.page(number);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof GitLabApiException g) {
                throw g;
            }
            throw e;
        }
    }

    private static boolean finished(JobStatus s) {
        return s == JobStatus.SUCCESS || s == JobStatus.FAILED || s == JobStatus.CANCELED;
    }

    /** A job as the history keeps it. */
    static UsageJob job(String project, Job j) {
        String pipeline = j.getPipeline() == null || j.getPipeline().getId() == null ? null
                : String.valueOf(j.getPipeline().getId());
        String runner = j.getRunner() == null ? null : j.getRunner().getDescription();
        return new UsageJob(project, pipeline, j.getName(), j.getStage(), j.getTagList(), runner,
                instant(j.getCreatedAt()), instant(j.getStartedAt()), instant(j.getFinishedAt()),
                seconds(j.getDuration()), seconds(j.getQueuedDuration()), artifactsSize(j));
    }

    /**
     * The bytes a job uploaded as artifacts: the jobs API's {@code artifacts[].size} added up (archive, metadata,
     * job log); null when the API lists none (expired or erased artifacts are no longer listed).
     */
    static Long artifactsSize(Job j) {
        if (j.getArtifacts() == null || j.getArtifacts().isEmpty()) {
            return null;
        }
        long sum = 0;
        for (var a : j.getArtifacts()) {
            sum += a.getSize() == null || a.getSize() < 0 ? 0 : a.getSize();
        }
        return sum;
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    /** gitlab4j reads seconds as a Float: keep its decimal digits, not the binary expansion (38.2, not 38.2000007). */
    private static Double seconds(Float f) {
        return f == null ? null : Double.valueOf(Float.toString(f));
    }

    static String strip(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
