package dev.spotlane.cli;

import dev.spotlane.fleet.sim.Durations;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.gitlab.usage.JobsFiles;
import dev.spotlane.gitlab.usage.UsageInputException;
import dev.spotlane.gitlab.usage.UsageJob;
import dev.spotlane.gitlab.usage.UsageRun;
import dev.spotlane.gitlab.usage.UsageSummary;
import dev.spotlane.gitlab.usage.UsageWindow;
import dev.spotlane.policy.Policy;
import dev.spotlane.report.Json;
import dev.spotlane.transform.HistoryRouter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane usage}: the team's job history from GitLab (or an export), summed up under the rules. */
@Command(name = "usage", sortOptions = false,
        description = {"Read every finished job (success, failed, canceled) created in a window from the GitLab API,"
                + " or from a CSV/JSON export, and sum it up: pipelines, jobs, job-hours, CPU-hours (job-hours x vCPU"
                + " of the class each job routes to, routed as 'spotlane fix' routes it), the busiest day, quiet"
                + " days, per-route totals, and why the other jobs stay.",
                "--output writes jobs.json, the history 'spotlane simulate --jobs' reads; a rerun with the same"
                        + " --output resumes an interrupted collection.",
                "Progress goes to stderr, the summary to stdout.",
                "Exit 0 on success, 1 when a project or group could not be read, 2 for bad usage or input."})
final class UsageCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    enum Format { text, json }

    /** Where the token is read from; tests replace it. */
    static Function<String, String> environment = System::getenv;
    /** How API requests are retried; tests replace it with one that does not sleep. */
    static Supplier<Backoff> backoff = Backoff::standard;
    /** The present, for {@code --since 14d}; tests fix it. */
    static Supplier<Instant> now = Instant::now;
    /** The least time between two writes of {@code --output}; tests write after every project. */
    static Duration writeEvery = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    /** {@code --gitlab-url}, {@code --token-env}: the rules options' (one instance serves the history and the rules). */
    GitLabOptions gitlab;

    @Option(names = "--group", paramLabel = "PATH",
            description = "Every project of this group and its subgroups, archived ones left out (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--project", paramLabel = "PATH", description = "One project, e.g. group/app (repeatable).")
    List<String> projects = new ArrayList<>();

    @Option(names = "--since", paramLabel = "WHEN",
            description = "The window's start: a duration back from now (14d, 48h) or an ISO date or time"
                    + " (2025-05-01, 2025-05-01T08:00:00Z). Required with --gitlab-url; with --input it keeps only"
                    + " jobs created since.")
    String since;

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the jobs as jobs.json (written atomically as projects finish; FILE.state beside it"
                    + " lets a rerun with the same options resume).")
    Path output;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Read the jobs from a CSV (header: " + "project,name,stage,tags,runner,created_at,"
                    + "started_at,finished_at,duration,queued_duration; tags separated by ; or |) or JSON export"
                    + " instead of the API.")
    Path input;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "The time zone of days (busiest day, quiet days) and of an ISO date given to --since"
                    + " (default: ${DEFAULT-VALUE}).")
    String timeZone;

    @Option(names = "--local-vcpus", paramLabel = "N",
            description = "The local runner's vCPUs: jobs that stay local count N CPU-hours per job-hour (default:"
                    + " they count none; CPU-hours then measure the cloud's work only).")
    Double localVcpus;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Summary format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        gitlab = rulesOptions.gitlab;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZoneId zone = zone(timeZone);
        if (localVcpus != null && !(localVcpus >= 0.1 && localVcpus <= 1024)) {
            throw new UserError("spotlane: --local-vcpus: " + localVcpus + " is not a number of vCPUs from 0.1 to"
                    + " 1024");
        }
        if (input != null && gitlab.given()) {
            throw new UserError("spotlane: usage reads either the API (--gitlab-url) or an export (--input), not both");
        }
        if (input == null && !gitlab.given()) {
            throw new UserError("spotlane: usage needs --gitlab-url with --group or --project, or --input FILE");
        }
        Instant present = now.get();
        Instant from = since == null ? null : since(since, present, zone);
        Policy policy = rulesOptions.loadHere();
        return input != null ? fromInput(out, err, policy, zone, from) : fromApi(out, err, policy, zone, present,
                from);
    }

    private int fromInput(PrintWriter out, PrintWriter err, Policy policy, ZoneId zone, Instant from)
            throws IOException {
        if (!groups.isEmpty() || !projects.isEmpty()) {
            throw new UserError("spotlane: --group and --project choose projects of the API; with --input every job"
                    + " of the file is read");
        }
        JobsFiles.Read read;
        try {
            read = JobsFiles.read(input);
        } catch (UsageInputException e) {
            throw new UserError(e.getMessage());
        }
        List<UsageJob> jobs = read.jobs();
        int before = jobs.size();
        if (from != null) {
            jobs = jobs.stream().filter(j -> j.createdAt() == null || !j.createdAt().isBefore(from)).toList();
        }
        err.println("spotlane: " + input + ": " + jobs.size() + " finished job(s)"
                + (read.unfinished() > 0 ? ", " + read.unfinished() + " unfinished left out" : "")
                + (from != null ? ", " + (before - jobs.size()) + " created before " + from + " left out" : ""));
        if (output != null) {
            outputs.write(output, JobsFiles.json(jobs), null, err);
            err.println("spotlane: wrote " + jobs.size() + " job(s) to " + output);
        }
        UsageSummary summary = UsageSummary.of(jobs, policy, HistoryRouter.of(policy), zone, null, localVcpus);
        if (format == Format.json) {
            Json j = new Json().beginObject();
            j.name("source").beginObject().field("input", input.toString()).endObject();
            j.field("rules", policy.source()).field("output", output == null ? null : output.toString());
            j.field("unfinished_left_out", read.unfinished());
            summary.json(j);
            out.print(j.endObject() + "\n");
        } else {
            out.println("spotlane usage: " + input + ", rules: " + policy.source());
            out.print(summary.text());
        }
        out.flush();
        return ExitCode.OK;
    }

    private int fromApi(PrintWriter out, PrintWriter err, Policy policy, ZoneId zone, Instant present, Instant from)
            throws IOException {
        if (groups.isEmpty() && projects.isEmpty()) {
            throw new UserError("spotlane: usage needs at least one --group or --project");
        }
        if (from == null) {
            throw new UserError("spotlane: usage needs --since (e.g. --since 14d) with --gitlab-url");
        }
        if (!from.isBefore(present)) {
            throw new UserError("spotlane: --since " + since + " is not in the past");
        }
        if (output != null) {
            Path dir = output.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new UserError("spotlane: --output " + output + ": its folder does not exist");
            }
        }
        String url = gitlab.url();
        Secret token = GitLabTokens.of(gitlab, environment);
        UsageRun.Options options = new UsageRun.Options(url, groups, projects,
                new UsageWindow(since.strip(), from, present), output, writeEvery);
        UsageRun.Result run;
        try (GitLabClient client = GitLabClient.connect(url, token, backoff.get())) {
            run = UsageRun.run(client, token, options, new UsageRun.Listener() {
                @Override
                public void selected(int total, int done, UsageWindow window, String note) {
                    if (note != null) {
                        err.println("spotlane: " + note);
                    }
                    err.println("spotlane: " + total + " project(s)" + (done > 0 ? ", " + done + " already read" : "")
                            + "; jobs created " + window.since() + " to " + window.until());
                    err.flush();
                }

                @Override
                public void page(String project, int page, int jobsSoFar) {
                    if (page % 10 == 0) {
                        err.println("    " + project + ": page " + page + ", " + jobsSoFar + " job(s)");
                        err.flush();
                    }
                }

                @Override
                public void finished(int index, int total, UsageRun.ProjectOutcome o, int jobsSoFar) {
                    err.println("[" + index + "/" + total + "] " + o.project() + ": " + switch (o.status()) {
                        case READ -> o.jobs() + " job(s), " + o.requests() + " request(s)";
                        case RESUMED -> o.jobs() + " job(s), read earlier";
                        case SKIPPED -> "skipped (" + o.detail() + ")";
                        case FAILED -> "failed (" + o.detail() + ")";
                    } + "; " + jobsSoFar + " job(s) so far");
                    err.flush();
                }
            });
        }
        run.projects().stream().filter(p -> p.project().startsWith("group ")).forEach(p ->
                err.println("spotlane: " + p.project() + ": " + p.detail()));
        if (output != null) {
            err.println("spotlane: wrote " + run.jobs().size() + " job(s) to " + output
                    + (run.failed() ? "; rerun with the same options to retry the failed projects" : ""));
        }
        UsageSummary summary = UsageSummary.of(run.jobs(), policy, HistoryRouter.of(policy), zone, run.window(),
                localVcpus);
        out.print(format == Format.json ? json(run, url, policy, summary) : text(run, url, policy, summary));
        out.flush();
        return run.failed() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private String text(UsageRun.Result run, String url, Policy policy, UsageSummary summary) {
        StringBuilder b = new StringBuilder();
        Map<UsageRun.Status, Integer> counts = new EnumMap<>(UsageRun.Status.class);
        run.projects().forEach(p -> counts.merge(p.status(), 1, Integer::sum));
        b.append("spotlane usage: ").append(url).append(", ").append(run.projects().size()).append(" project(s) (")
                .append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", ")))
                .append("), ").append(run.requests()).append(" API request(s), rules: ").append(policy.source())
                .append('\n');
        run.projects().stream().filter(p -> p.status() == UsageRun.Status.FAILED)
                .forEach(p -> b.append("failed: ").append(p.project()).append(": ").append(p.detail()).append('\n'));
        b.append(summary.text());
        return b.toString();
    }

    private String json(UsageRun.Result run, String url, Policy policy, UsageSummary summary) {
        Json j = new Json().beginObject();
        j.name("source").beginObject().field("gitlab_url", url).field("since", run.window().since().toString())
                .field("until", run.window().until().toString()).field("window", run.window().spec()).endObject();
        j.field("rules", policy.source()).field("output", output == null ? null : output.toString());
        j.name("projects").beginArray();
        for (UsageRun.ProjectOutcome p : run.projects()) {
            j.beginObject().field("project", p.project()).field("status", p.status().label())
                    .field("detail", p.detail()).field("jobs", p.jobs()).field("requests", p.requests()).endObject();
        }
        j.endArray();
        j.name("requests").beginObject().field("total", run.requests()).field("listing", run.listRequests())
                .endObject();
        j.field("unfinished_left_out", run.unfinished()).field("failed", run.failed());
        summary.json(j);
        return j.endObject() + "\n";
    }

    /** {@code 14d}, {@code 48h} back from now; an ISO date (midnight in the zone) or time. */
    static Instant since(String text, Instant present, ZoneId zone) {
        String s = text.strip();
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // a duration
        }
        try {
            long ms = Durations.parseMillis(s);
            if (ms <= 0) {
                throw new IllegalArgumentException("zero");
            }
            return present.minusMillis(ms);
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: --since: expected a duration back from now (14d, 48h) or an ISO date or"
                    + " time (2025-05-01, 2025-05-01T08:00:00Z), got \"" + s + "\"");
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new UserError("spotlane: --time-zone: unknown time zone \"" + text + "\" (e.g. UTC, Europe/Berlin,"
                    + " +02:00)");
        }
    }
}
