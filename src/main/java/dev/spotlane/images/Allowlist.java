package dev.spotlane.images;

import dev.spotlane.model.ImageRef;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The images baked into the worker AMI: one reference a line, {@code #} comments and blank lines allowed, globs
 * ({@code *}, {@code ?}) allowed for repositories and tags ({@code registry.example.com/tools/*:*}). Entries match on
 * the normalized form, so {@code golang:1.26} matches {@code docker.io/library/golang:1.26}; a wildcard in the first of
 * several components also covers the registry ({@code *}{@code /library/*:1.*}). A digest-pinned image
 * matches an entry with the same repository and tag, or the same digest. An entry with a digest matches only that
 * digest: Docker pulls {@code name:tag@digest} by digest and keeps no tag, so the AMI has no {@code name:tag}.
 */
public final class Allowlist {
    /**
     * The longest excerpt of an allowlist line a message quotes, in code points: room for a digest-pinned
     * reference (about 100), not for a whole line of something that is no allowlist.
     */
    static final int EXCERPT = 160;
    private final List<Entry> entries;

    /** One line of an allowlist. */
    public record Entry(String path, int line, String text, ImageRef ref, Pattern repository, Pattern tag) {
        boolean glob() {
            return repository != null;
        }

        boolean matches(ImageRef image) {
            String repoPath = lowerHost(image.repositoryPath());
            if (glob()) {
                String tag = image.tag() != null ? image.tag() : image.digest() == null ? "latest" : null;
                return repository.matcher(repoPath).matches() && (tag == null ? this.tag.pattern().equals(".*")
                        : this.tag.matcher(tag).matches());
            }
            if (!lowerHost(ref.repositoryPath()).equals(repoPath)) {
                return false;
            }
            if (ref.digest() != null) {
                // baked by digest: docker pull name:tag@digest keeps no tag, so only the same digest is on the AMI
                return ref.digest().equals(image.digest());
            }
            String tag = image.tag() != null ? image.tag() : image.digest() == null ? ImageRef.DEFAULT_TAG : null;
            return ref.effectiveTag().equals(tag);
        }
    }

    private Allowlist(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Allowlist empty() {
        return new Allowlist(List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Reads one allowlist file. */
    public static Allowlist read(Path file) throws IOException, AllowlistException {
        return parse(Source.read(file));
    }

    /** Parses allowlist text; malformed lines are reported together, each with its line number. */
    public static Allowlist parse(Source source) throws AllowlistException {
        Objects.requireNonNull(source, "source");
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = source.text().split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            int hash = raw.indexOf('#');
            String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (text.isEmpty()) {
                continue;
            }
            int column = raw.indexOf(text) + 1;
            String where = source.name() + ":" + (i + 1) + ":" + column + ": ";
            if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0) {
                problems.add(where + "one image reference a line, found \"" + text + "\"");
                continue;
            }
            if (text.contains("$")) {
                problems.add(where + "\"" + text + "\" holds a variable; write the reference the job pulls");
                continue;
            }
            if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
                Entry glob = glob(source.name(), i + 1, text, where, problems);
                if (glob != null) {
                    entries.add(glob);
                }
                continue;
            }
            ImageRef ref = ImageRef.parse(text);
            if (!ref.valid()) {
                problems.add(where + ref.problem());
                continue;
            }
            entries.add(new Entry(source.name(), i + 1, text, ref, null, null));
        }
        if (!problems.isEmpty()) {
            throw new AllowlistException(problems.stream().map(Allowlist::bounded).toList());
        }
        return new Allowlist(entries);
    }

    /**
     * A problem with every quoted value cut to {@value #EXCERPT} characters: an allowlist may be any text file, and a
     * message quotes a bounded excerpt of it, never a whole line of something else.
     */
    static String bounded(String problem) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < problem.length()) {
            int open = problem.indexOf('"', i);
            int close = open < 0 ? -1 : problem.indexOf('"', open + 1);
            if (close < 0) {
                b.append(problem, i, problem.length());
                break;
            }
            String quoted = problem.substring(open + 1, close);
            b.append(problem, i, open + 1);
            b.append(quoted.codePointCount(0, quoted.length()) <= EXCERPT ? quoted
                    : quoted.substring(0, quoted.offsetByCodePoints(0, EXCERPT)) + "…");
            b.append('"');
            i = close + 1;
        }
        return b.toString();
    }

    private static Entry glob(String path, int line, String text, String where, List<String> problems) {
        if (text.indexOf('@') >= 0) {
            problems.add(where + "a glob cannot carry a digest: \"" + text + "\"");
            return null;
        }
        // with its wildcards filled in, a glob must read as a reference, or it can match none
        ImageRef filled = ImageRef.parse(text.replace('*', '0').replace('?', '0'));
        if (!filled.valid()) {
            String why = filled.problem();
            problems.add(where + "glob \"" + text + "\" can match no reference: "
                    + why.substring(why.indexOf("\": ") + 3));
            return null;
        }
        int slash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        String repo = colon > slash ? text.substring(0, colon) : text;
        String tag = colon > slash ? text.substring(colon + 1) : "latest";
        String first = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : "";
        // as ImageRef decides it; a wildcard there may stand for a registry, so the glob then covers the whole name
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT)) || first.indexOf('*') >= 0 || first.indexOf('?') >= 0;
        String full = lowerHost(registry ? repo : "docker.io/" + (repo.contains("/") ? repo : "library/" + repo));
        if (full.startsWith("index.docker.io/")) {
            full = "docker.io/" + full.substring("index.docker.io/".length());
        }
        if (full.startsWith("docker.io/") && full.indexOf('/', "docker.io/".length()) < 0) {
            full = "docker.io/library/" + full.substring("docker.io/".length());
        }
        return new Entry(path, line, text, null, toRegex(full), toRegex(tag));
    }

    private static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private static String lowerHost(String repositoryPath) {
        int slash = repositoryPath.indexOf('/');
        return slash < 0 ? repositoryPath : repositoryPath.substring(0, slash).toLowerCase(Locale.ROOT)
                + repositoryPath.substring(slash);
    }

    /** This list and another together. */
    public Allowlist plus(Allowlist other) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new Allowlist(all);
    }

    /** The entries that pass a test. */
    public Allowlist filter(java.util.function.Predicate<Entry> keep) {
        return new Allowlist(entries.stream().filter(keep).toList());
    }

    /** True when a valid (static) reference is covered by an entry. */
    public boolean allows(ImageRef image) {
        Objects.requireNonNull(image, "image");
        return image.valid() && entries.stream().anyMatch(e -> e.matches(image));
    }
}
