package dev.spotlane.gitlab;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gitlab4j.api.models.Commit;
import org.gitlab4j.api.models.CompareResults;
import org.gitlab4j.api.models.Diff;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.models.Constants;

/**
 * The bot's own branch in one project, shared by {@link CutoverBot} and {@link FileProposal}: the merge requests
 * from it, what it holds compared with the default branch, and whose commits are on it (the bot replaces its branch
 * only when every commit there is the token user's).
 */
final class BotBranch {
    private final GitLabClient client;
    private final RepositoryFiles files;
    private CutoverBot.Identity identity;

    BotBranch(GitLabClient client, RepositoryFiles files) {
        this.client = Objects.requireNonNull(client, "client");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** The merge requests from the branch, newest first (every state: a closed one means "declined"). */
    List<MergeRequest> mergeRequests(String project, String branch) throws GitLabException {
        List<MergeRequest> all = client.all("list merge requests from \"" + branch + "\"",
                () -> client.api().getMergeRequestApi().getMergeRequests(project, new MergeRequestFilter()
                        .withSourceBranch(branch).withState(Constants.MergeRequestState.ALL), GitLabClient.PER_PAGE));
        return all.stream().filter(m -> branch.equals(m.getSourceBranch()))
                .sorted((a, b) -> Long.compare(iid(b), iid(a)))
                .toList();
    }

    private static long iid(MergeRequest m) {
        return m.getIid() == null ? 0 : m.getIid();
    }

    /**
     * What the branch holds compared with the commit read.
     *
     * @param same    it changes exactly the planned files, each to the planned text
     * @param commits its commits that the commit read does not have
     */
    record State(boolean same, List<Commit> commits) {
    }

    /**
     * The branch at {@code head} compared with the default branch's commit {@code from}.
     *
     * @param planned every file the bot means the branch to change, with its planned text
     */
    State state(String project, String branch, String defaultBranch, String from, String head,
                Map<String, String> planned) throws GitLabException {
        CompareResults cmp = client.read("compare \"" + branch + "\" with \"" + defaultBranch + "\"",
                () -> client.api().getRepositoryApi().compare(project, from, head, (Long) null, false));
        List<Commit> commits = cmp.getCommits() == null ? List.of() : cmp.getCommits();
        Set<String> touched = new HashSet<>();
        for (Diff d : cmp.getDiffs() == null ? List.<Diff>of() : cmp.getDiffs()) {
            if (d.getNewPath() != null) {
                touched.add(d.getNewPath());
            }
            if (d.getOldPath() != null) {
                touched.add(d.getOldPath());
            }
        }
        if (!touched.equals(planned.keySet())) {
            return new State(false, commits);
        }
        for (Map.Entry<String, String> p : planned.entrySet()) {
            Optional<RepositoryFiles.File> there = files.file(project, head, p.getKey());
            if (there.isEmpty() || !there.get().text().equals(p.getValue())) {
                return new State(false, commits);
            }
        }
        return new State(true, commits);
    }

    /** A description of the first commit the bot did not make, if any. */
    Optional<String> foreign(List<Commit> commits) throws GitLabException {
        for (Commit c : commits) {
            if (identity == null) {
                identity = CutoverBot.Identity.read(client);
            }
            if (!identity.made(c.getAuthorEmail()) || !identity.made(c.getCommitterEmail())) {
                String who = c.getAuthorName() != null ? c.getAuthorName() : c.getAuthorEmail();
                return Optional.of("commit " + (c.getShortId() != null ? c.getShortId() : c.getId()) + " by \""
                        + who + "\", not the bot");
            }
        }
        return Optional.empty();
    }
}
