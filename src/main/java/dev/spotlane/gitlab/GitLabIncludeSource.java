package dev.spotlane.gitlab;

import dev.spotlane.resolve.Glob;
import dev.spotlane.resolve.IncludeException;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.yaml.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Includes read through the GitLab API: the files of one project at one ref ({@code include:local}), other projects'
 * files ({@code include:project}, components) through the same run-wide cache, wildcards through the repository
 * tree. Files of the project being resolved are named by their path ({@code ci/jobs.yml}), so a planned change's
 * name is the path to commit; other projects' files are named {@code group/project:path}.
 */
final class GitLabIncludeSource implements IncludeSource {
    private final RepositoryFiles files;
    private final String project;
    private final String ref;
    private final String label;
    private final Problems problems;
    private final Map<String, GitLabIncludeSource> others;

    /** API failures met while resolving: they fail the project rather than read as a broken pipeline. */
    static final class Problems {
        private GitLabException first;

        void add(GitLabException e) {
            if (first == null) {
                first = e;
            }
        }

        Optional<GitLabException> first() {
            return Optional.ofNullable(first);
        }
    }

    /** The project being resolved, at the commit its main file was read at. */
    static GitLabIncludeSource root(RepositoryFiles files, String project, String commit, Problems problems) {
        return new GitLabIncludeSource(files, project, commit, "", problems, new HashMap<>());
    }

    private GitLabIncludeSource(RepositoryFiles files, String project, String ref, String label, Problems problems,
                                Map<String, GitLabIncludeSource> others) {
        this.files = Objects.requireNonNull(files, "files");
        this.project = Objects.requireNonNull(project, "project");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.label = label;
        this.problems = problems;
        this.others = others;
    }

    @Override
    public String label() {
        return label;
    }

    private String name(String path) {
        return label.isEmpty() ? path : label + ":" + path;
    }

    private static String inside(String path) throws IncludeException {
        String p = path.startsWith("/") ? path.substring(1) : path;
        for (String segment : p.split("/", -1)) {
            if (segment.equals("..")) {
                throw new IncludeException("\"" + path + "\" is outside the repository");
            }
        }
        if (p.isEmpty()) {
            throw new IncludeException("\"" + path + "\" is not a file");
        }
        return p;
    }

    @Override
    public Source read(String path) throws IncludeException {
        String p = inside(path);
        Optional<RepositoryFiles.File> f;
        try {
            f = files.file(project, ref, p);
        } catch (GitLabException e) {
            problems.add(e);
            throw new IncludeException("\"" + name(p) + "\" cannot be read: " + e.getMessage());
        }
        if (f.isEmpty()) {
            throw new IncludeException(label.isEmpty() ? "local file \"" + p + "\" does not exist"
                    : "file \"" + p + "\" does not exist in project \"" + project + "\" at \"" + ref + "\"");
        }
        return new Source(name(p), f.get().text());
    }

    /** The file as read (for its last commit id), when it was read. */
    Optional<RepositoryFiles.File> fileAsRead(String path) throws GitLabException {
        return files.file(project, ref, path);
    }

    @Override
    public boolean exists(String path) {
        try {
            String p = inside(path);
            if (files.hasTree(project, ref)) {
                return files.tree(project, ref).contains(p);
            }
            return files.file(project, ref, p).isPresent();
        } catch (IncludeException e) {
            return false;
        } catch (GitLabException e) {
            problems.add(e);
            return false;
        }
    }

    @Override
    public List<String> glob(String pattern) throws IncludeException {
        String rel = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        if (rel.contains("..")) {
            throw new IncludeException("\"" + pattern + "\" is outside the repository");
        }
        dev.spotlane.model.Wildcard re = Glob.compile(rel);
        try {
            return files.tree(project, ref).stream().filter(p -> re.matches(p)).toList();
        } catch (GitLabException e) {
            problems.add(e);
            throw new IncludeException("cannot list files for \"" + pattern + "\": " + e.getMessage());
        }
    }

    @Override
    public Optional<IncludeSource> project(String other, String otherRef) {
        if (other == null || other.isBlank() || "~latest".equals(otherRef)) {
            // ~latest needs the catalog's release list: left unresolved, as offline
            return Optional.empty();
        }
        String key = other + "\u0000" + (otherRef == null ? "" : otherRef);
        GitLabIncludeSource known = others.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        String at = otherRef;
        if (at == null || at.isBlank()) {
            try {
                at = files.defaultBranch(other).orElse(null);
            } catch (GitLabException e) {
                problems.add(e);
                return Optional.empty();
            }
            if (at == null) {
                return Optional.empty();
            }
        }
        GitLabIncludeSource source = new GitLabIncludeSource(files, other, at, other, problems, others);
        others.put(key, source);
        return Optional.of(source);
    }
}
