package dev.spotlane.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gitlab4j.api.models.CommitAction;
import org.gitlab4j.api.models.CommitPayload;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.api.models.Project;

/**
 * {@code spotlane propose}: one file of a project proposed as one merge request from the bot's own branch, updated in
 * place on every later run, with the cutover bot's guarantees ({@link CutoverBot}): it writes to no branch but its
 * own, replaces that branch only when every commit on it is the token user's, and names the file's
 * {@code last_commit_id} so a push to the default branch between read and commit fails the commit instead of being
 * overwritten. A file the default branch already holds as proposed writes nothing. The AMI bake proposes its
 * refreshed {@code ci/ami/images.txt} this way.
 */
public final class FileProposal {
    /** Marks descriptions the bot wrote. */
    static final String MARKER = "<!-- spotlane propose -->";

    /**
     * What to propose.
     *
     * @param project     the project path, {@code group/project}
     * @param path        the file's path in the repository
     * @param text        the file's proposed content
     * @param branch      the bot's own branch
     * @param title       the merge request's title (also the commit message's first line)
     * @param description the merge request's description (the marker is added)
     * @param labels      labels for a new merge request
     */
    public record Request(String project, String path, String text, String branch, String title, String description,
                          List<String> labels) {
        public Request {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            labels = List.copyOf(labels);
            if (branch.isBlank() || title.isBlank() || path.isBlank()) {
                throw new IllegalArgumentException("the branch, the title and the file path must not be empty");
            }
        }
    }

    /** What a run did. */
    public enum Outcome {
        /** The default branch already holds the file as proposed. */
        UNCHANGED("unchanged"),
        OPENED("opened"),
        UPDATED("updated"),
        UP_TO_DATE("up to date"),
        /** Someone else's work (commits on the bot branch, a declined merge request) stopped the bot. */
        REFUSED("refused");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param outcome what happened
     * @param detail  one line for the log
     * @param url     the merge request, or null
     */
    public record Result(Outcome outcome, String detail, String url) {
    }

    private final GitLabClient client;
    private final RepositoryFiles files;
    private final BotBranch bot;

    public FileProposal(GitLabClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.files = new RepositoryFiles(client);
        this.bot = new BotBranch(client, files);
    }

    /** Proposes the file; a GitLabException for API failures, with the token scrubbed. */
    public Result propose(Request r) throws GitLabException {
        Objects.requireNonNull(r, "r");
        Optional<Project> found = client.optional("read project " + r.project(),
                () -> client.api().getProjectApi().getProject(r.project()));
        if (found.isEmpty() || found.get().getDefaultBranch() == null) {
            throw new GitLabException("project " + r.project() + " not found, empty, or not visible to the token",
                    404);
        }
        String defaultBranch = found.get().getDefaultBranch();
        if (defaultBranch.equals(r.branch())) {
            throw new GitLabException("the bot branch \"" + r.branch() + "\" is the default branch: refusing to"
                    + " write to it", 0);
        }
        Optional<RepositoryFiles.File> current = files.file(r.project(), defaultBranch, r.path());
        if (current.isPresent() && current.get().text().equals(r.text())) {
            return new Result(Outcome.UNCHANGED, "\"" + r.path() + "\" on \"" + defaultBranch
                    + "\" is already as proposed", null);
        }
        String base = current.map(RepositoryFiles.File::commitId)
                .orElse(files.pinned(r.project(), defaultBranch));
        Plan plan = new Plan(r, defaultBranch, base, current);
        String description = r.description().strip() + "\n\n" + MARKER;
        List<MergeRequest> mine = mergeRequests(plan);
        Optional<MergeRequest> open = mine.stream().filter(m -> "opened".equals(m.getState())).findFirst();
        if (open.isPresent()) {
            return update(plan, open.get(), description);
        }
        Optional<MergeRequest> latest = mine.stream().findFirst();
        if (latest.isPresent() && "closed".equals(latest.get().getState())) {
            Optional<?> branch = client.optional("read branch \"" + r.branch() + "\"",
                    () -> client.api().getRepositoryApi().getBranch(r.project(), r.branch()));
            if (branch.isPresent()) {
                return new Result(Outcome.REFUSED, "merge request !" + latest.get().getIid() + " was closed without"
                        + " merging; delete branch \"" + r.branch() + "\" to let the bot open a new one",
                        latest.get().getWebUrl());
            }
        }
        try {
            commit(plan, false);
        } catch (GitLabException e) {
            if (!CutoverBot.branchExists(e)) {
                throw e;
            }
            Optional<String> foreign = bot.foreign(state(plan, r.branch()).commits());
            if (foreign.isPresent()) {
                return new Result(Outcome.REFUSED, "branch \"" + r.branch() + "\" exists with " + foreign.get()
                        + ": not overwriting it", null);
            }
            commit(plan, true);
        }
        MergeRequest mr;
        try {
            mr = client.write("open a merge request from \"" + r.branch() + "\"",
                    () -> client.api().getMergeRequestApi().createMergeRequest(r.project(), new MergeRequestParams()
                            .withSourceBranch(r.branch())
                            .withTargetBranch(defaultBranch)
                            .withTitle(r.title())
                            .withDescription(description)
                            .withLabels(r.labels().isEmpty() ? null : r.labels())
                            .withRemoveSourceBranch(true)));
        } catch (GitLabException e) {
            if (e.status() != 409) {
                throw e;
            }
            Optional<MergeRequest> again = mergeRequests(plan).stream().filter(m -> "opened".equals(m.getState()))
                    .findFirst();
            if (again.isEmpty()) {
                throw e;
            }
            return update(plan, again.get(), description);
        }
        return new Result(Outcome.OPENED, "merge request !" + mr.getIid() + " opened", mr.getWebUrl());
    }

    /** The request with what was read: the default branch, the commit read at, and the file there if any. */
    private record Plan(Request request, String defaultBranch, String commit, Optional<RepositoryFiles.File> current) {
    }

    private List<MergeRequest> mergeRequests(Plan plan) throws GitLabException {
        return bot.mergeRequests(plan.request().project(), plan.request().branch());
    }

    private Result update(Plan plan, MergeRequest mr, String description) throws GitLabException {
        Request r = plan.request();
        BotBranch.State state = state(plan, mr.getSha() != null ? mr.getSha() : r.branch());
        List<String> did = new ArrayList<>();
        if (!state.same()) {
            Optional<String> foreign = bot.foreign(state.commits());
            if (foreign.isPresent()) {
                return new Result(Outcome.REFUSED, "merge request !" + mr.getIid() + " has " + foreign.get()
                        + " on \"" + r.branch() + "\": not overwriting them", mr.getWebUrl());
            }
            commit(plan, true);
            did.add("new commit");
        }
        MergeRequestParams params = new MergeRequestParams();
        if (!normalized(description).equals(normalized(mr.getDescription()))) {
            params.withDescription(description);
            did.add("description");
        }
        if (!r.title().equals(mr.getTitle())) {
            params.withTitle(r.title());
            did.add("title");
        }
        if (did.contains("description") || did.contains("title")) {
            client.write("update merge request !" + mr.getIid(), () -> client.api().getMergeRequestApi()
                    .updateMergeRequest(r.project(), mr.getIid(), params));
        }
        if (did.isEmpty()) {
            return new Result(Outcome.UP_TO_DATE, "merge request !" + mr.getIid() + " already proposes it",
                    mr.getWebUrl());
        }
        return new Result(Outcome.UPDATED, "merge request !" + mr.getIid() + ": " + String.join(", ", did),
                mr.getWebUrl());
    }

    private static String normalized(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }

    /** Whether the branch at {@code head} changes exactly the file, to the proposed text. */
    private BotBranch.State state(Plan plan, String head) throws GitLabException {
        Request r = plan.request();
        return bot.state(r.project(), r.branch(), plan.defaultBranch(), plan.commit(), head,
                Map.of(r.path(), r.text()));
    }

    /**
     * One commit on the bot branch, built on the default branch, creating or updating the file; an update names the
     * file's {@code last_commit_id} so GitLab refuses it if the default branch changed the file since it was read.
     */
    private void commit(Plan plan, boolean force) throws GitLabException {
        Request r = plan.request();
        CommitAction action = new CommitAction().withFilePath(r.path()).withContent(r.text());
        if (plan.current().isPresent()) {
            String last = plan.current().get().lastCommitId();
            action.withAction(CommitAction.Action.UPDATE).withLastCommitId(last != null ? last : plan.commit());
        } else {
            action.withAction(CommitAction.Action.CREATE);
        }
        CommitPayload payload = new CommitPayload().withBranch(r.branch()).withStartBranch(plan.defaultBranch())
                .withCommitMessage(r.title() + "\n\nProposed by spotlane propose.\n").withActions(List.of(action));
        if (force) {
            payload.withForce(true);
        }
        try {
            client.write("commit to \"" + r.branch() + "\"",
                    () -> client.api().getCommitsApi().createCommit(r.project(), payload));
        } catch (GitLabException e) {
            if (e.status() == 400 && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("has changed since")) {
                throw new GitLabException("\"" + r.path() + "\" changed on \"" + plan.defaultBranch() + "\" after it"
                        + " was read; nothing was written, the next run starts over (" + e.getMessage() + ")", 400);
            }
            throw e;
        }
    }
}
