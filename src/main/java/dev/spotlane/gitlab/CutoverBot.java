package dev.spotlane.gitlab;

import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Lint;
import dev.spotlane.policy.ImagePlatforms;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.RulesChain;
import dev.spotlane.policy.RulesSource;
import dev.spotlane.report.UnifiedDiff;
import dev.spotlane.resolve.IncludeException;
import dev.spotlane.resolve.OverlayIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.transform.FileChange;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gitlab4j.api.models.CommitAction;
import org.gitlab4j.api.models.CommitPayload;
import org.gitlab4j.api.models.GroupProjectsFilter;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.User;

/**
 * {@code spotlane cutover}: for each project, read the pipeline from the default branch at one commit, plan the same
 * fix as {@code spotlane fix}, and carry the change to a merge request from the bot's own branch.
 *
 * <p>Safe to rerun: an open merge request from the bot branch is updated (a new commit only when the content
 * differs, the description only when it differs), never duplicated. The bot writes to no branch but its own; it
 * replaces its branch only after checking through the API that every commit on it was made by the token's user,
 * and each commit names the {@code last_commit_id} of every file it changes, so a push to the default branch
 * between read and commit fails the commit instead of being overwritten.
 */
public final class CutoverBot {
    /** The main pipeline file when the project does not set another (Settings > CI/CD > CI/CD configuration file). */
    static final String MAIN = ".gitlab-ci.yml";
    /** The rules file a repository may carry (as {@code spotlane fix} reads it). */
    static final String REPO_RULES = ".spotlane.yml";

    /**
     * How the bot behaves.
     *
     * @param branch  the bot's own branch, e.g. {@code spotlane/cutover}
     * @param dryRun  plan and print diffs, write nothing
     * @param draft   open merge requests as drafts
     * @param labels  labels for new merge requests
     * @param maxMrs  at most this many merge requests opened in one run (negative: no cap)
     */
    public record Options(String branch, boolean dryRun, boolean draft, List<String> labels, int maxMrs) {
        public Options {
            Objects.requireNonNull(branch, "branch");
            labels = List.copyOf(labels);
            if (branch.isBlank()) {
                throw new IllegalArgumentException("the bot branch is empty");
            }
        }
    }

    /** Told about each project as the run goes (the CLI prints it on stderr). */
    public interface Listener {
        void starting(int index, int total, String project);

        void finished(int index, int total, ProjectResult result);
    }

    /**
     * The outcome of a run.
     *
     * @param results        one per project, in the order processed (listing failures first)
     * @param listRequests   requests spent listing group projects
     * @param totalRequests  every request of the run
     */
    public record Run(List<ProjectResult> results, int listRequests, int totalRequests) {
        public Run {
            results = List.copyOf(results);
        }

        public boolean failed() {
            return results.stream().anyMatch(ProjectResult::failed);
        }
    }

    private final GitLabClient client;
    private final RepositoryFiles files;
    private final Options options;
    private final Policy fixedPolicy;
    private final YamlParser parser = new YamlParser();
    private final BotBranch bot;
    private int opened;

    /**
     * @param client  the API
     * @param options what to do
     * @param policy  the rules for every project ({@code --rules}), or null for each project's {@code .spotlane.yml},
     *                else the bundled rules, as {@code spotlane fix} does
     */
    public CutoverBot(GitLabClient client, Options options, Policy policy) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.fixedPolicy = policy;
        this.files = new RepositoryFiles(client);
        this.bot = new BotBranch(client, files);
    }

    /** The bot's own identity, to tell its commits from other people's (also used by {@link FileProposal}). */
    record Identity(String username, Set<String> emails) {
        /** The token's user, read through the API. */
        static Identity read(GitLabClient client) throws GitLabException {
            User me = client.read("read the bot's own user", () -> client.api().getUserApi().getCurrentUser());
            Set<String> emails = new HashSet<>();
            for (String e : new String[] {me.getEmail(), me.getPublicEmail()}) {
                if (e != null && !e.isBlank()) {
                    emails.add(e.toLowerCase(Locale.ROOT));
                }
            }
            return new Identity(me.getUsername() == null ? "" : me.getUsername(), emails);
        }

        boolean made(String email) {
            if (email == null) {
                return false;
            }
            String e = email.toLowerCase(Locale.ROOT);
            if (emails.contains(e)) {
                return true;
            }
            // GitLab's private commit email: <id>-<username>@users.noreply.<host>
            int at = e.indexOf("@users.noreply.");
            if (at <= 0 || username.isEmpty()) {
                return false;
            }
            String local = e.substring(0, at);
            String u = username.toLowerCase(Locale.ROOT);
            return local.equals(u) || local.endsWith("-" + u);
        }
    }

    /**
     * Every project to work on: the named projects and each group's projects with its subgroups' (archived ones
     * left out), sorted by path, without duplicates, then cut to one shard. A group that cannot be listed becomes a
     * failed result.
     */
    public Selection select(List<String> groups, List<String> projects, Shard shard) {
        Map<String, Target> all = new TreeMap<>();
        List<ProjectResult> failures = new ArrayList<>();
        int before = client.total();
        for (String g : groups) {
            String group = Target.strip(g);
            try {
                List<Project> listed = client.all("list projects of group " + group, () -> client.api().getGroupApi()
                        .getProjects(group, new GroupProjectsFilter().withIncludeSubGroups(true).withArchived(false),
                                GitLabClient.PER_PAGE));
                for (Project p : listed) {
                    if (Boolean.TRUE.equals(p.getArchived()) || p.getPathWithNamespace() == null) {
                        continue;
                    }
                    all.putIfAbsent(p.getPathWithNamespace(), new Target(p.getPathWithNamespace(), p));
                }
            } catch (GitLabException e) {
                failures.add(new ProjectResult(group + " (group)", ProjectResult.Outcome.FAILED, e.getMessage(),
                        null, 0, ""));
            }
        }
        for (String p : projects) {
            Target t = Target.named(p);
            all.putIfAbsent(t.path(), t);
        }
        return new Selection(shard.select(new ArrayList<>(all.values())), failures, client.total() - before);
    }

    /**
     * The projects of one run.
     *
     * @param targets      this shard's projects, sorted
     * @param failures     groups that could not be listed
     * @param listRequests requests the listing took
     */
    public record Selection(List<Target> targets, List<ProjectResult> failures, int listRequests) {
        public Selection {
            targets = List.copyOf(targets);
            failures = List.copyOf(failures);
        }
    }

    /** Works through a selection, one project after the other; a failure is reported and the run goes on. */
    public Run run(Selection selection, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        List<ProjectResult> results = new ArrayList<>(selection.failures());
        int n = selection.targets().size();
        for (int i = 0; i < n; i++) {
            Target t = selection.targets().get(i);
            listener.starting(i + 1, n, t.path());
            ProjectResult r = process(t);
            results.add(r);
            listener.finished(i + 1, n, r);
        }
        return new Run(results, selection.listRequests(), client.total());
    }

    /** Everything the bot learnt about one project before writing. */
    private record Plan(String path, String defaultBranch, String commit, GitLabIncludeSource source, FixResult fix,
                        List<Finding> remaining) {
    }

    /** Works on one project; never throws for a project's problem. */
    public ProjectResult process(Target target) {
        client.resetCount();
        String path = target.path();
        try {
            return process(target, path);
        } catch (GitLabException e) {
            return result(path, ProjectResult.Outcome.FAILED, e.getMessage(), null, "");
        } catch (RuntimeException e) {
            // a bug in spotlane (a refused fix, say) fails this project, not the run
            return result(path, ProjectResult.Outcome.FAILED, "internal error: " + client.token().scrub(
                    String.valueOf(e.getMessage())) + " (please report this)", null, "");
        }
    }

    private ProjectResult result(String path, ProjectResult.Outcome outcome, String detail, String mr, String diff) {
        // one line: a table cell, a progress line
        String line = detail.strip().replaceAll("\\s*\\R\\s*", "; ");
        return new ProjectResult(path, outcome, client.token().scrub(line), mr, client.count(), diff);
    }

    private ProjectResult process(Target target, String path) throws GitLabException {
        Project project = target.listed();
        if (project == null) {
            Optional<Project> found = client.optional("read project " + path,
                    () -> client.api().getProjectApi().getProject(path));
            if (found.isEmpty()) {
                return result(path, ProjectResult.Outcome.FAILED, "project not found, or the token cannot see it",
                        null, "");
            }
            project = found.get();
        }
        if (Boolean.TRUE.equals(project.getArchived())) {
            return result(path, ProjectResult.Outcome.SKIPPED, "archived", null, "");
        }
        String defaultBranch = project.getDefaultBranch();
        if (defaultBranch == null || Boolean.TRUE.equals(project.getEmptyRepo())) {
            return result(path, ProjectResult.Outcome.SKIPPED, "empty repository", null, "");
        }
        files.knowDefaultBranch(path, defaultBranch);
        if (defaultBranch.equals(options.branch())) {
            return result(path, ProjectResult.Outcome.FAILED, "the bot branch \"" + options.branch()
                    + "\" is the default branch: refusing to write to it", null, "");
        }

        if (Boolean.FALSE.equals(project.getJobsEnabled())) {
            return result(path, ProjectResult.Outcome.SKIPPED, "CI/CD is disabled", null, "");
        }
        String mainPath = MAIN;
        String configured = project.getCiConfigPath();
        if (configured != null && !configured.isBlank()) {
            if (configured.contains("@") || configured.contains("://")) {
                return result(path, ProjectResult.Outcome.SKIPPED, "the CI/CD configuration file \"" + configured
                        + "\" lives outside the project; run the bot on the project that holds it", null, "");
            }
            mainPath = configured.startsWith("/") ? configured.substring(1) : configured;
        }
        Optional<RepositoryFiles.File> main = files.file(path, defaultBranch, mainPath);
        if (main.isEmpty()) {
            return result(path, ProjectResult.Outcome.NO_CI, "no " + mainPath + " on \"" + defaultBranch + "\"",
                    null, "");
        }
        String commit = main.get().commitId();
        if (commit == null) {
            return result(path, ProjectResult.Outcome.FAILED, "GitLab did not say which commit " + mainPath
                    + " was read at", null, "");
        }
        ParseResult parsed = parser.parse(new Source(mainPath, main.get().text()));
        if (!parsed.ok()) {
            return result(path, ProjectResult.Outcome.FAILED, "invalid YAML: " + parsed.error(), null, "");
        }
        GitLabIncludeSource.Problems problems = new GitLabIncludeSource.Problems();
        GitLabIncludeSource source = GitLabIncludeSource.root(files, path, commit, problems);

        Policy policy;
        List<String> notices = new ArrayList<>();
        try {
            policy = fixedPolicy != null ? fixedPolicy : repositoryPolicy(source, notices);
        } catch (PolicyException e) {
            return result(path, ProjectResult.Outcome.FAILED, "invalid .spotlane.yml: " + e.getMessage(), null, "");
        }
        if (!notices.isEmpty()) {
            // a merge request made under other rules than the project's would be wrong: not opened
            return result(path, ProjectResult.Outcome.FAILED, String.join("; ", notices), null, "");
        }
        try {
            policy = withPlatforms(policy, source);
        } catch (PolicyException e) {
            return result(path, ProjectResult.Outcome.FAILED, "invalid image platforms file: " + e.getMessage(), null,
                    "");
        }
        if (problems.first().isPresent()) {
            throw problems.first().get();
        }

        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, mainPath);
        if (problems.first().isPresent()) {
            throw problems.first().get();
        }
        if (pipeline.hasErrors()) {
            var errors = pipeline.errors();
            return result(path, ProjectResult.Outcome.FAILED, "GitLab would reject this configuration: "
                    + errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                    null, "");
        }
        FixResult fix = Fixer.plan(pipeline, policy, source, mainPath);
        if (problems.first().isPresent()) {
            throw problems.first().get();
        }
        if (!fix.changed()) {
            return result(path, ProjectResult.Outcome.COMPLIANT, "nothing to change", null, "");
        }
        StringBuilder diff = new StringBuilder();
        for (FileChange c : fix.changes()) {
            diff.append(UnifiedDiff.of(c.name(), c.oldText(), c.newText()));
        }
        String summary = summary(fix);
        if (options.dryRun()) {
            return result(path, ProjectResult.Outcome.WOULD_CHANGE, summary, null, diff.toString());
        }
        // the jobs left behind have their own table in the description, with the reason
        List<Finding> remaining = lintAfter(fix, policy, source, mainPath).stream()
                .filter(f -> !f.checkId().equals("job-left-behind")).toList();
        if (problems.first().isPresent()) {
            throw problems.first().get();
        }
        return publish(new Plan(path, defaultBranch, commit, source, fix, remaining), summary, diff.toString());
    }

    private static String summary(FixResult fix) {
        long moved = fix.decisions().stream().filter(d -> d.outcome() == dev.spotlane.transform.Decision.Outcome.MOVE)
                .count();
        long images = fix.images().stream().filter(i -> i.outcome() == dev.spotlane.transform.ImageNote.Outcome.SET)
                .count();
        return moved + " job(s) moved, " + images + " pull_policy set, " + fix.changes().size() + " file(s)";
    }

    /**
     * The repository's {@code .spotlane.yml} at the commit read, else the bundled rules (as {@code spotlane fix}); a
     * file that {@code extends:} others is merged with them as every command does (docs/rules-extends.md): its
     * repository's files through the API at the same commit, central rules and the files they name through this
     * bot's client. What could not be read goes to {@code notices}.
     */
    private Policy repositoryPolicy(GitLabIncludeSource source, List<String> notices) throws PolicyException {
        if (!source.exists(REPO_RULES)) {
            return PolicyLoader.bundled();
        }
        Source text;
        try {
            text = source.read(REPO_RULES);
        } catch (IncludeException e) {
            return PolicyLoader.bundled();
        }
        if (!RulesChain.extendsAnother(text.text())) {
            return PolicyLoader.load(text, Path.of(""));
        }
        try {
            RulesChain.Result r = RulesChain.load(new Source(REPO_RULES, text.text()), REPO_RULES, Path.of(""), null,
                    repositoryFiles(source), centralRules());
            notices.addAll(r.notices());
            return r.policy();
        } catch (java.io.IOException e) {
            notices.add(REPO_RULES + ": " + e.getMessage());
            return PolicyLoader.bundled();
        }
    }

    /** The project's own files at the commit read, as rules a {@code .spotlane.yml} extends. */
    private static RulesChain.RepoFiles repositoryFiles(GitLabIncludeSource source) {
        return rel -> {
            if (!source.exists(rel)) {
                throw new RulesChain.NotReadable(": no such file in the repository");
            }
            try {
                Source s = source.read(rel);
                if (s.text().length() > RulesChain.MAX_BYTES) {
                    throw new RulesChain.NotReadable(" is larger than the limit " + RulesChain.MAX_BYTES);
                }
                return new Source(rel, s.text());
            } catch (IncludeException e) {
                throw new RulesChain.NotReadable(": " + e.getMessage());
            }
        };
    }

    /** Central rules and the files they name, read with this bot's token (null ref: the default branch). */
    private RulesSource centralRules() {
        // the files after the first of a project at a ref are read at the commit it was read at (GitLabRulesSource)
        Map<String, String> commits = new HashMap<>();
        return (project, file, ref) -> {
            String at = ref == null ? "HEAD" : ref;
            String pinned = commits.get(project + "\u0000" + at);
            Optional<RepositoryFiles.File> f;
            try {
                f = files.file(project, pinned != null ? pinned : at, file);
            } catch (GitLabException e) {
                throw new RulesSource.Unavailable("\"" + file + "\" of " + project + " at \"" + at + "\": "
                        + e.getMessage());
            }
            if (f.isEmpty()) {
                throw new RulesSource.Unavailable("\"" + file + "\" of " + project + " at \"" + at
                        + "\": not found, or the token cannot see it");
            }
            if (pinned == null && f.get().commitId() != null) {
                commits.put(project + "\u0000" + at, f.get().commitId());
            }
            return f.get().text();
        };
    }

    /**
     * The image platforms file the rules name, read offline as {@code spotlane fix} reads it: a relative path is a
     * file of the project at the commit read (through the API), an absolute one a file beside {@code --rules}.
     */
    private static Policy withPlatforms(Policy policy, GitLabIncludeSource source) throws PolicyException {
        if (!policy.platforms().images().isEmpty()) {
            return policy;
        }
        Path p = policy.images().platforms();
        try {
            java.util.Optional<dev.spotlane.policy.ImagePolicy.CentralFile> central = policy.images().central(p);
            if (central.isPresent()) {
                return central.get().text() == null ? policy
                        : policy.withPlatforms(ImagePlatforms.parse(central.get().name(), central.get().text()));
            }
            if (p.isAbsolute()) {
                return policy.withPlatforms(ImagePlatforms.load(p, p.getParent() == null ? p : p.getParent(), false));
            }
            String rel = p.toString().replace('\\', '/');
            if (!source.exists(rel)) {
                return policy;
            }
            return policy.withPlatforms(ImagePlatforms.parse(rel, source.read(rel).text()));
        } catch (IOException | IncludeException e) {
            return policy;
        }
    }

    /** Lint findings on the pipeline as it will be after the change: what the change leaves for people to do. */
    private List<Finding> lintAfter(FixResult fix, Policy policy, GitLabIncludeSource source, String mainPath) {
        Map<String, String> texts = new LinkedHashMap<>();
        fix.changes().forEach(c -> texts.put(c.name(), c.newText()));
        OverlayIncludeSource after = new OverlayIncludeSource(source, texts);
        String mainText;
        try {
            mainText = after.read(mainPath).text();
        } catch (IncludeException e) {
            return List.of();
        }
        ParseResult parsed = parser.parse(new Source(mainPath, mainText));
        if (!parsed.ok()) {
            return Lint.syntaxError(parsed.error(), policy);
        }
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), after, mainPath);
        return Lint.run(pipeline, policy, after, mainPath, Map.of(), allowlist(policy, source));
    }

    /**
     * The policy's AMI allowlists: a relative path is a file of the project (read through the API), an absolute one
     * a file beside {@code --rules}; missing files are skipped and an unreadable list leaves the check silent.
     */
    private static Allowlist allowlist(Policy policy, GitLabIncludeSource source) {
        try {
            return Lint.allowlist(policy, p -> {
                if (p.isAbsolute()) {
                    return Files.isRegularFile(p) ? Source.read(p) : null;
                }
                String rel = p.toString().replace('\\', '/');
                return source.exists(rel) ? source.read(rel) : null;
            });
        } catch (IOException | AllowlistException | IncludeException e) {
            return null;
        }
    }

    // ---- writing ----

    private ProjectResult publish(Plan plan, String summary, String diff) throws GitLabException {
        String description = MergeRequestText.description(plan.fix(), plan.remaining());
        List<MergeRequest> mine = mergeRequests(plan);
        Optional<MergeRequest> open = mine.stream().filter(m -> "opened".equals(state(m))).findFirst();
        if (open.isPresent()) {
            return update(plan, open.get(), description, summary, diff);
        }
        Optional<MergeRequest> latest = mine.stream().findFirst();
        if (latest.isPresent() && "closed".equals(state(latest.get()))) {
            // closed without merging: a person declined it; the bot does not ask again while its branch is there
            Optional<?> branch = client.optional("read branch \"" + options.branch() + "\"",
                    () -> client.api().getRepositoryApi().getBranch(plan.path(), options.branch()));
            if (branch.isPresent()) {
                return result(plan.path(), ProjectResult.Outcome.SKIPPED, "merge request !" + latest.get().getIid()
                        + " was closed without merging; delete branch \"" + options.branch()
                        + "\" to let the bot open a new one", latest.get().getWebUrl(), diff);
            }
        }
        if (options.maxMrs() >= 0 && opened >= options.maxMrs()) {
            return result(plan.path(), ProjectResult.Outcome.CAPPED, summary + "; " + opened
                    + " merge request(s) already opened in this run", null, diff);
        }
        try {
            commit(plan, false);
        } catch (GitLabException e) {
            if (!branchExists(e)) {
                throw e;
            }
            // the branch is left from an earlier run (creating the merge request failed, or it was merged and
            // the branch kept)
            BotBranch.State state = branchState(plan, options.branch());
            if (!state.same()) {
                Optional<String> foreign = foreign(state);
                if (foreign.isPresent()) {
                    return result(plan.path(), ProjectResult.Outcome.FAILED, "branch \"" + options.branch()
                            + "\" exists with " + foreign.get() + ": not overwriting it", null, diff);
                }
                commit(plan, true);
            }
        }
        MergeRequest mr;
        try {
            mr = client.write("open a merge request from \"" + options.branch() + "\"",
                    () -> client.api().getMergeRequestApi().createMergeRequest(plan.path(), new MergeRequestParams()
                            .withSourceBranch(options.branch())
                            .withTargetBranch(plan.defaultBranch())
                            .withTitle(MergeRequestText.title(options.draft()))
                            .withDescription(description)
                            .withLabels(options.labels().isEmpty() ? null : options.labels())
                            .withRemoveSourceBranch(true)));
        } catch (GitLabException e) {
            if (e.status() != 409) {
                throw e;
            }
            // "Another open merge request already exists for this source branch": someone (or a retried request)
            // was first; update that one instead of opening a second
            Optional<MergeRequest> again = mergeRequests(plan).stream().filter(m -> "opened".equals(state(m)))
                    .findFirst();
            if (again.isEmpty()) {
                throw e;
            }
            return update(plan, again.get(), description, summary, diff);
        }
        opened++;
        return result(plan.path(), ProjectResult.Outcome.OPENED, summary, mr.getWebUrl(), diff);
    }

    /** The merge requests from the bot branch, newest first (every state: a closed one means "declined"). */
    private List<MergeRequest> mergeRequests(Plan plan) throws GitLabException {
        return bot.mergeRequests(plan.path(), options.branch());
    }

    private static String state(MergeRequest m) {
        return m.getState() == null ? "" : m.getState();
    }

    private ProjectResult update(Plan plan, MergeRequest mr, String description, String summary, String diff)
            throws GitLabException {
        String head = mr.getSha() != null ? mr.getSha() : options.branch();
        BotBranch.State state = branchState(plan, head);
        List<String> did = new ArrayList<>();
        if (!state.same()) {
            Optional<String> foreign = foreign(state);
            if (foreign.isPresent()) {
                return result(plan.path(), ProjectResult.Outcome.FAILED, "merge request !" + mr.getIid()
                        + " has " + foreign.get() + " on \"" + options.branch() + "\": not overwriting them",
                        mr.getWebUrl(), diff);
            }
            commit(plan, true);
            did.add("new commit");
        }
        if (!normalized(description).equals(normalized(mr.getDescription()))) {
            client.write("update merge request !" + mr.getIid(), () -> client.api().getMergeRequestApi()
                    .updateMergeRequest(plan.path(), mr.getIid(), new MergeRequestParams()
                            .withDescription(description)));
            did.add("description");
        }
        if (did.isEmpty()) {
            return result(plan.path(), ProjectResult.Outcome.UP_TO_DATE, summary, mr.getWebUrl(), diff);
        }
        return result(plan.path(), ProjectResult.Outcome.UPDATED, summary + "; " + String.join(", ", did),
                mr.getWebUrl(), diff);
    }

    private static String normalized(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }

    /** What the bot branch holds at {@code head} compared with the commit read. */
    private BotBranch.State branchState(Plan plan, String head) throws GitLabException {
        Map<String, String> planned = new LinkedHashMap<>();
        plan.fix().changes().forEach(c -> planned.put(c.name(), c.newText()));
        return bot.state(plan.path(), options.branch(), plan.defaultBranch(), plan.commit(), head, planned);
    }

    /** A description of the first commit the bot did not make, if any. */
    private Optional<String> foreign(BotBranch.State state) throws GitLabException {
        return bot.foreign(state.commits());
    }

    /**
     * One commit with every changed file on the bot branch, built on the default branch. Each action carries the
     * {@code last_commit_id} the file had when read, so GitLab refuses the commit if the default branch changed the
     * file since. {@code force} replaces the bot branch (only after {@link #foreign} found none but the bot's commits).
     */
    private void commit(Plan plan, boolean force) throws GitLabException {
        List<CommitAction> actions = new ArrayList<>();
        for (FileChange c : plan.fix().changes()) {
            String last = plan.source().fileAsRead(c.name()).map(RepositoryFiles.File::lastCommitId)
                    .orElse(plan.commit());
            actions.add(new CommitAction().withAction(CommitAction.Action.UPDATE).withFilePath(c.name())
                    .withContent(c.newText()).withLastCommitId(last));
        }
        CommitPayload payload = new CommitPayload().withBranch(options.branch())
                .withStartBranch(plan.defaultBranch())
                .withCommitMessage(MergeRequestText.commitMessage(plan.fix()))
                .withActions(actions);
        if (force) {
            payload.withForce(true);
        }
        try {
            client.write("commit to \"" + options.branch() + "\"",
                    () -> client.api().getCommitsApi().createCommit(plan.path(), payload));
        } catch (GitLabException e) {
            throw conflict(plan, e);
        }
    }

    static boolean branchExists(GitLabException e) {
        String m = e.getMessage().toLowerCase(Locale.ROOT);
        return e.status() == 400 && m.contains("branch") && m.contains("already exists");
    }

    /** A commit refused because a file changed after it was read: said so plainly. */
    private GitLabException conflict(Plan plan, GitLabException e) {
        if (e.status() == 400 && e.getMessage().toLowerCase(Locale.ROOT).contains("has changed since")) {
            return new GitLabException("a file changed on \"" + plan.defaultBranch() + "\" after it was read at "
                    + plan.commit().substring(0, Math.min(8, plan.commit().length()))
                    + "; nothing was written, the next run starts over (" + e.getMessage() + ")", 400);
        }
        return e;
    }
}
