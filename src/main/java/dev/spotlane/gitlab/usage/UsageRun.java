package dev.spotlane.gitlab.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlane.Spotlane;
import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.GitLabException;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Collects a job history project by project, writing {@code jobs.json} as it goes so an interrupted run can be
 * resumed.
 *
 * <p>Resuming: beside {@code jobs.json} the run keeps a state file, {@code jobs.json.state} (JSON: the GitLab URL,
 * the window as asked and as resolved, the groups and projects asked for, and each finished project with its number
 * of jobs). Both files are replaced atomically, {@code jobs.json} first, after each finished project (at most once
 * every {@code writeEvery}, and always after the last). A run with the same output, URL, {@code --since} and
 * groups/projects reads the state, keeps the jobs of the projects it lists (a project whose count does not match
 * {@code jobs.json} is read again), reuses the window of the first run (so {@code 14d} means the same 14 days) and
 * reads only the other projects. When every project is read, the state file is deleted: the next run starts afresh.
 * A run with other parameters starts afresh too. Failed projects leave the state in place, so a rerun retries only
 * them.
 */
public final class UsageRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int STATE_VERSION = 1;

    private UsageRun() {
    }

    /**
     * What to collect.
     *
     * @param gitlabUrl  the instance
     * @param groups     groups as asked (their projects and their subgroups')
     * @param projects   projects as asked
     * @param window     the window from {@code --since} and now; a resumed run replaces it with the first run's
     * @param output     {@code jobs.json}, or null to keep the jobs in memory only
     * @param writeEvery the least time between two writes of the output
     */
    public record Options(String gitlabUrl, List<String> groups, List<String> projects, UsageWindow window,
                          Path output, Duration writeEvery) {
        public Options {
            Objects.requireNonNull(gitlabUrl, "gitlabUrl");
            groups = List.copyOf(groups);
            projects = List.copyOf(projects);
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(writeEvery, "writeEvery");
        }
    }

    /** How a project went. */
    public enum Status {
        /** Read in this run. */
        READ,
        /** Read by an earlier run of the same output. */
        RESUMED,
        /** Not read: archived, or CI/CD disabled. */
        SKIPPED,
        /** A request failed after its retries. */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One project's outcome.
     *
     * @param project  its path (or {@code group PATH} for a group that could not be listed)
     * @param status   how it went
     * @param detail   why it was skipped or failed, else empty
     * @param jobs     finished jobs in the window
     * @param requests requests made for it in this run
     */
    public record ProjectOutcome(String project, Status status, String detail, int jobs, int requests) {
    }

    /** Progress, told as it happens. */
    public interface Listener {
        /** The projects are known: {@code done} of them come from an earlier run. */
        void selected(int total, int done, UsageWindow window, String note);

        void page(String project, int page, int jobsSoFar);

        void finished(int index, int total, ProjectOutcome outcome, int jobsSoFar);
    }

    /**
     * The collected history.
     *
     * @param jobs         every job, in project order, each project's oldest first
     * @param projects     each project's outcome, group listing failures first
     * @param window       the window used (the first run's when resumed)
     * @param listRequests requests that listed groups' projects
     * @param requests     every request of this run
     * @param unfinished   listed jobs left out as not finished
     */
    public record Result(List<UsageJob> jobs, List<ProjectOutcome> projects, UsageWindow window, int listRequests,
                         int requests, int unfinished) {
        public Result {
            jobs = List.copyOf(jobs);
            projects = List.copyOf(projects);
        }

        public boolean failed() {
            return projects.stream().anyMatch(p -> p.status() == Status.FAILED);
        }
    }

    /** The state file kept beside an output. */
    public static Path stateFile(Path output) {
        return output.resolveSibling(output.getFileName() + ".state");
    }

    /** Runs a collection; a project's failure is reported and the run goes on. */
    public static Result run(GitLabClient client, Secret token, Options o, Listener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        UsageCollector collector = new UsageCollector(client);
        int start = client.total();
        UsageCollector.Selection selection = collector.select(o.groups(), o.projects());

        UsageWindow window = o.window();
        Map<String, List<UsageJob>> done = new LinkedHashMap<>();
        String note = null;
        if (o.output() != null) {
            Resumed r = resume(o);
            if (r != null) {
                window = r.window();
                done.putAll(r.jobs());
            }
            note = r == null ? null : r.note();
        }

        List<ProjectOutcome> outcomes = new ArrayList<>();
        selection.failures().forEach(f -> outcomes.add(new ProjectOutcome("group " + f.group(), Status.FAILED,
                oneLine(f.message()), 0, 0)));
        List<UsageCollector.ProjectRef> projects = selection.projects();
        // projects read earlier but no longer selected (a project left the group) are dropped
        done.keySet().retainAll(projects.stream().map(UsageCollector.ProjectRef::path).toList());
        listener.selected(projects.size(), done.size(), window, note);

        Map<String, List<UsageJob>> read = new LinkedHashMap<>();
        int jobsSoFar = done.values().stream().mapToInt(List::size).sum();
        int unfinished = 0;
        long lastWrite = System.nanoTime();
        boolean unwritten = false;
        for (int i = 0; i < projects.size(); i++) {
            UsageCollector.ProjectRef p = projects.get(i);
            ProjectOutcome outcome;
            if (done.containsKey(p.path())) {
                outcome = new ProjectOutcome(p.path(), Status.RESUMED, "", done.get(p.path()).size(), 0);
                read.put(p.path(), done.get(p.path()));
            } else if (p.skipReason() != null) {
                outcome = new ProjectOutcome(p.path(), Status.SKIPPED, p.skipReason(), 0, 0);
                read.put(p.path(), List.of());
            } else {
                int before = client.total();
                try {
                    UsageCollector.ProjectJobs jobs = collector.jobs(p, window, listener::page);
                    read.put(p.path(), jobs.jobs());
                    jobsSoFar += jobs.jobs().size();
                    unfinished += jobs.unfinished();
                    outcome = new ProjectOutcome(p.path(), Status.READ, "", jobs.jobs().size(), jobs.requests());
                } catch (GitLabException e) {
                    outcome = new ProjectOutcome(p.path(), Status.FAILED, oneLine(e.getMessage()), 0,
                            client.total() - before);
                } catch (RuntimeException e) {
                    // a bug in spotlane or an answer gitlab4j cannot read fails this project, not the run
                    outcome = new ProjectOutcome(p.path(), Status.FAILED, "internal error: " + oneLine(
                            token.scrub(String.valueOf(e))) + " (please report this)", 0, client.total() - before);
                }
                unwritten = true;
            }
            outcomes.add(outcome);
            listener.finished(i + 1, projects.size(), outcome, jobsSoFar);
            if (o.output() != null && unwritten && System.nanoTime() - lastWrite >= o.writeEvery().toNanos()) {
                write(o, window, read, outcomes);
                lastWrite = System.nanoTime();
                unwritten = false;
            }
        }
        if (o.output() != null) {
            write(o, window, read, outcomes);
            if (outcomes.stream().noneMatch(x -> x.status() == Status.FAILED)) {
                Files.deleteIfExists(stateFile(o.output()));
            }
        }
        List<UsageJob> all = new ArrayList<>();
        read.values().forEach(all::addAll);
        return new Result(all, outcomes, window, selection.listRequests(), client.total() - start, unfinished);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    // ---------------------------------------------------------------- the state file

    /** Writes {@code jobs.json}, then the state naming the projects it holds. */
    private static void write(Options o, UsageWindow window, Map<String, List<UsageJob>> read,
                              List<ProjectOutcome> outcomes) throws IOException {
        List<UsageJob> all = new ArrayList<>();
        read.values().forEach(all::addAll);
        Spotlane.writeAtomically(o.output(), JobsFiles.json(all));
        Json s = new Json().beginObject();
        s.field("spotlane_usage_state", STATE_VERSION).field("gitlab_url", o.gitlabUrl())
                .field("window", window.spec()).field("since", window.since().toString())
                .field("until", window.until().toString());
        s.name("groups").beginArray();
        new TreeSet<>(o.groups().stream().map(UsageCollector::strip).toList()).forEach(s::value);
        s.endArray().name("projects").beginArray();
        new TreeSet<>(o.projects().stream().map(UsageCollector::strip).toList()).forEach(s::value);
        s.endArray().name("done").beginObject();
        for (ProjectOutcome p : outcomes) {
            if ((p.status() == Status.READ || p.status() == Status.RESUMED) && read.containsKey(p.project())) {
                s.field(p.project(), read.get(p.project()).size());
            }
        }
        s.endObject().endObject();
        Spotlane.writeAtomically(stateFile(o.output()), s + "\n");
    }

    /** What an earlier run of the same output left. */
    private record Resumed(UsageWindow window, Map<String, List<UsageJob>> jobs, String note) {
    }

    /** The earlier run's window and finished projects, or null to start afresh. */
    private static Resumed resume(Options o) throws IOException {
        Path state = stateFile(o.output());
        if (!Files.isRegularFile(state)) {
            return null;
        }
        JsonNode s;
        try {
            s = MAPPER.readTree(state.toFile());
        } catch (IOException e) {
            return new Resumed(o.window(), Map.of(), state + " is unreadable: starting afresh");
        }
        UsageWindow window;
        try {
            window = new UsageWindow(s.path("window").asText(), Instant.parse(s.path("since").asText()),
                    Instant.parse(s.path("until").asText()));
        } catch (RuntimeException e) {
            return new Resumed(o.window(), Map.of(), state + " is unreadable: starting afresh");
        }
        boolean same = s.path("spotlane_usage_state").asInt() == STATE_VERSION
                && s.path("gitlab_url").asText().equals(o.gitlabUrl())
                && window.spec().equals(o.window().spec())
                && strings(s.path("groups")).equals(new TreeSet<>(o.groups().stream().map(UsageCollector::strip)
                .toList()))
                && strings(s.path("projects")).equals(new TreeSet<>(o.projects().stream().map(UsageCollector::strip)
                .toList()));
        if (!same) {
            return new Resumed(o.window(), Map.of(), state + " is from a run with another --gitlab-url, --since,"
                    + " --group or --project: starting afresh");
        }
        if (!Files.isRegularFile(o.output())) {
            return new Resumed(window, Map.of(), "resuming the window of " + state + "; " + o.output()
                    + " is missing: reading every project");
        }
        List<UsageJob> jobs;
        try {
            jobs = JobsFiles.read(o.output()).jobs();
        } catch (UsageInputException e) {
            return new Resumed(window, Map.of(), "resuming the window of " + state + "; " + e.getMessage()
                    + ": reading every project");
        }
        Map<String, List<UsageJob>> byProject = new HashMap<>();
        for (UsageJob j : jobs) {
            byProject.computeIfAbsent(String.valueOf(j.project()), k -> new ArrayList<>()).add(j);
        }
        Map<String, List<UsageJob>> kept = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : s.path("done").properties()) {
            List<UsageJob> had = byProject.getOrDefault(e.getKey(), List.of());
            if (e.getValue().canConvertToInt() && e.getValue().asInt() == had.size()) {
                kept.put(e.getKey(), had);
            }
        }
        return new Resumed(window, kept, "resuming from " + state + " (delete it to start afresh): " + kept.size()
                + " project(s) already read, window " + window.since() + " to " + window.until());
    }

    private static TreeSet<String> strings(JsonNode array) {
        TreeSet<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
