package dev.spotlane.gitlab;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.RepositoryFile;
import org.gitlab4j.api.models.TreeItem;

/**
 * Files, trees and default branches read through the API, kept for the whole run so that no file is fetched twice:
 * a template project included by every project of a group is read once. A read at a branch pins that branch to the
 * commit the answer names, so every later file of the same project and ref comes from the same commit.
 */
final class RepositoryFiles {
    /** One file as read: its text, the commit it was read at, and the last commit that changed it. */
    record File(String path, String text, String commitId, String lastCommitId) {
    }

    private final GitLabClient client;
    private final Map<String, Optional<File>> files = new HashMap<>();
    private final Map<String, List<String>> trees = new HashMap<>();
    private final Map<String, String> pins = new HashMap<>();
    private final Map<String, Optional<String>> defaultBranches = new HashMap<>();

    RepositoryFiles(GitLabClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    /** The commit a ref was pinned to by an earlier read, else the ref itself. */
    String pinned(String project, String ref) {
        return pins.getOrDefault(key(project, ref), ref);
    }

    /** One file of a project at a ref (a branch, tag or commit id); empty when it does not exist there. */
    Optional<File> file(String project, String ref, String path) throws GitLabException {
        String at = pinned(project, ref);
        String k = key(project, at, path);
        Optional<File> cached = files.get(k);
        if (cached != null) {
            return cached;
        }
        Optional<RepositoryFile> got = client.optional("read \"" + path + "\" of " + project + " at \"" + at + "\"",
                () -> client.api().getRepositoryFileApi().getFile(project, path, at));
        Optional<File> out = Optional.empty();
        if (got.isPresent()) {
            RepositoryFile f = got.get();
            out = Optional.of(new File(path, decode(project, path, f.getDecodedContentAsBytes()), f.getCommitId(),
                    f.getLastCommitId()));
            String commit = f.getCommitId();
            if (commit != null && !commit.equals(at)) {
                pins.putIfAbsent(key(project, ref), commit);
                files.put(key(project, commit, path), out);
            }
        }
        files.put(k, out);
        return out;
    }

    private static String decode(String project, String path, byte[] bytes) throws GitLabException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new GitLabException("\"" + path + "\" of " + project + " is not valid UTF-8 text", 0);
        }
    }

    /** Every file path of a project at a ref, sorted (the recursive repository tree, read once). */
    List<String> tree(String project, String ref) throws GitLabException {
        String at = pinned(project, ref);
        String k = key(project, at);
        List<String> cached = trees.get(k);
        if (cached != null) {
            return cached;
        }
        List<TreeItem> items = client.all("list files of " + project + " at \"" + at + "\"",
                () -> client.api().getRepositoryApi().getTree(project, null, at, true, GitLabClient.PER_PAGE));
        List<String> paths = items.stream().filter(i -> i.getType() == TreeItem.Type.BLOB).map(TreeItem::getPath)
                .sorted().toList();
        trees.put(k, paths);
        return paths;
    }

    /** True when the tree of this project at this ref was already listed (so existence checks cost nothing). */
    boolean hasTree(String project, String ref) {
        return trees.containsKey(key(project, pinned(project, ref)));
    }

    /** A project's default branch, empty when the project cannot be seen or has no repository. */
    Optional<String> defaultBranch(String project) throws GitLabException {
        Optional<String> cached = defaultBranches.get(project);
        if (cached != null) {
            return cached;
        }
        Optional<Project> p = client.optional("read project " + project,
                () -> client.api().getProjectApi().getProject(project));
        Optional<String> out = p.map(Project::getDefaultBranch);
        defaultBranches.put(project, out);
        return out;
    }

    /** Remembers a default branch learnt from a project listing. */
    void knowDefaultBranch(String project, String branch) {
        if (branch != null) {
            defaultBranches.putIfAbsent(project, Optional.of(branch));
        }
    }
}
