package dev.spotlane.cli;

import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.CutoverBot;
import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.ProjectResult;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.gitlab.Shard;
import dev.spotlane.policy.Policy;
import dev.spotlane.report.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code spotlane cutover}: open or update a cutover merge request in every project of some groups. */
@Command(name = "cutover", sortOptions = false,
        description = {"For each project, read .gitlab-ci.yml and its includes from the default branch through the"
                + " GitLab API, plan the same change as 'spotlane fix', and open (or update) one merge request from"
                + " the bot's own branch.",
                "Progress goes to stderr, the summary table (or JSON) to stdout.",
                "Exit 0 when every project succeeded, 1 when any failed, 2 for bad usage."})
final class CutoverCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    enum Format { text, json }

    /** Where the token is read from; tests replace it. */
    static Function<String, String> environment = System::getenv;
    /** How API requests are retried; tests replace it with one that does not sleep. */
    static Supplier<Backoff> backoff = Backoff::standard;

    @Spec
    CommandSpec spec;

    @Mixin
    GitLabOptions gitlab;

    @Option(names = "--group", paramLabel = "PATH",
            description = "Every project of this group and its subgroups, archived ones left out (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--project", paramLabel = "PATH", description = "One project, e.g. group/app (repeatable).")
    List<String> projects = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE",
            description = "The rules file for every project (default: each project's .spotlane.yml, else the"
                    + " bundled rules, as 'spotlane fix').")
    Path rules;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = "spotlane/cutover",
            description = "The bot's own branch, the only one it writes to (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--dry-run", description = "Print each project's diff; write nothing.")
    boolean dryRun;

    @Option(names = "--draft", description = "Open merge requests as drafts.")
    boolean draft;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "Labels for new merge requests.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--max-mrs", paramLabel = "N",
            description = "Open at most N new merge requests in this run (updates are not counted).")
    Integer maxMrs;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Only projects whose index in the sorted list is I modulo N (I counts from 0; in a"
                    + " 'parallel:' job pass $((CI_NODE_INDEX - 1))/$CI_NODE_TOTAL).")
    String shard;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Summary format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (groups.isEmpty() && projects.isEmpty()) {
            throw new UserError("spotlane: cutover needs at least one --group or --project");
        }
        if (maxMrs != null && maxMrs < 0) {
            throw new UserError("spotlane: --max-mrs must be 0 or more, was " + maxMrs);
        }
        if (!gitlab.given()) {
            throw new UserError("spotlane: cutover needs --gitlab-url");
        }
        String url = gitlab.url();
        Shard slice;
        try {
            slice = shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: --shard: " + e.getMessage());
        }
        Secret token = GitLabTokens.of(gitlab, environment);
        // central rules a --rules file extends are read with this instance and token, as the projects are
        Policy policy = rules == null ? null : RulesFiles.load(rules, Path.of("."), gitlab, environment,
                System.err);
        CutoverBot.Options options = new CutoverBot.Options(branch.strip(), dryRun, draft,
                labels.stream().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                maxMrs == null ? -1 : maxMrs);

        CutoverBot.Run run;
        try (GitLabClient client = GitLabClient.connect(url, token, backoff.get())) {
            CutoverBot bot = new CutoverBot(client, options, policy);
            CutoverBot.Selection selection = bot.select(groups, projects, slice);
            err.println("spotlane: " + selection.targets().size() + " project(s)"
                    + (slice.total() > 1 ? " in shard " + slice : "")
                    + (dryRun ? ", dry run: nothing is written" : ""));
            selection.failures().forEach(f -> err.println("spotlane: " + f.project() + ": " + f.detail()));
            run = bot.run(selection, new CutoverBot.Listener() {
                @Override
                public void starting(int index, int total, String project) {
                    err.println("[" + index + "/" + total + "] " + project);
                    err.flush();
                }

                @Override
                public void finished(int index, int total, ProjectResult r) {
                    err.println("[" + index + "/" + total + "] " + r.project() + ": " + r.outcome().label()
                            + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")") + ", " + r.requests()
                            + " request(s)");
                    err.flush();
                    if (format == Format.text && dryRun && !r.diff().isEmpty()) {
                        out.println("# " + r.project());
                        out.print(r.diff());
                        out.flush();
                    }
                }
            });
        }
        out.print(format == Format.json ? json(run, url, slice) : table(run));
        out.flush();
        return run.failed() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The summary for people: one row per project, then the totals. */
    static String table(CutoverBot.Run run) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PROJECT", "RESULT", "REQUESTS", "MERGE REQUEST / DETAIL"});
        for (ProjectResult r : run.results()) {
            boolean done = r.outcome() == ProjectResult.Outcome.OPENED || r.outcome() == ProjectResult.Outcome.UPDATED
                    || r.outcome() == ProjectResult.Outcome.UP_TO_DATE;
            String last = r.mergeRequest() == null ? r.detail()
                    : r.mergeRequest() + (done || r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
            rows.add(new String[] {r.project(), r.outcome().label(), String.valueOf(r.requests()), last});
        }
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            b.append(pad(row[0], width[0])).append("  ").append(pad(row[1], width[1])).append("  ")
                    .append(" ".repeat(width[2] - row[2].length())).append(row[2]).append("  ").append(row[3]);
            b.append('\n');
        }
        Map<ProjectResult.Outcome, Integer> counts = counts(run);
        b.append(run.results().size()).append(" project(s): ")
                .append(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", ")))
                .append("; ").append(run.totalRequests()).append(" API request(s), ").append(run.listRequests())
                .append(" of them listing projects\n");
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static Map<ProjectResult.Outcome, Integer> counts(CutoverBot.Run run) {
        Map<ProjectResult.Outcome, Integer> counts = new EnumMap<>(ProjectResult.Outcome.class);
        run.results().forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        return counts;
    }

    /** The summary for machines. */
    static String json(CutoverBot.Run run, String url, Shard shard) {
        Json j = new Json().beginObject();
        j.name("gitlab_url").value(url).name("shard").value(shard.toString());
        j.name("projects").beginArray();
        for (ProjectResult r : run.results()) {
            j.beginObject().name("project").value(r.project()).name("result").value(r.outcome().name()
                            .toLowerCase(java.util.Locale.ROOT))
                    .name("detail").value(r.detail()).name("merge_request").value(r.mergeRequest())
                    .name("requests").value(r.requests());
            if (r.outcome() == ProjectResult.Outcome.WOULD_CHANGE) {
                j.name("diff").value(r.diff());
            }
            j.endObject();
        }
        j.endArray();
        j.name("counts").beginObject();
        counts(run).forEach((k, v) -> j.name(k.name().toLowerCase(java.util.Locale.ROOT)).value(v));
        j.endObject();
        j.name("requests").beginObject().name("total").value(run.totalRequests()).name("listing")
                .value(run.listRequests()).endObject();
        j.name("failed").value(run.failed());
        return j.endObject() + "\n";
    }
}
