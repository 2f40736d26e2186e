package dev.spotlane;

import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Lint;
import dev.spotlane.policy.ImagePlatforms;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.report.UnifiedDiff;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.transform.FileChange;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * spotlane as a library, for a Renovate post-upgrade hook or any other program: load the rules, resolve and fix the
 * pipeline, lint it, write the result.
 * <pre>{@code
 * Path repo = Path.of(".");
 * Policy policy = Spotlane.policy(repo, null);           // .spotlane.yml, else the bundled rules
 * FixResult result = Spotlane.fix(repo, policy);          // resolves, plans and proves the edits; writes nothing
 * System.out.print(Spotlane.diff(result));                // what would change, as a unified diff
 * Spotlane.write(result);                                 // atomically rewrites the changed files
 * for (Finding f : Spotlane.lint(repo, policy)) {         // what is left: path:line:col: message [check-id]
 *     System.out.println(f);
 * }
 * }</pre>
 * Every public method takes and returns only types of {@code dev.spotlane}, {@code dev.spotlane.policy},
 * {@code dev.spotlane.transform}, {@code dev.spotlane.lint}, {@code dev.spotlane.model} and the JDK (checked by
 * {@code ArchitectureTest}); the YAML tree and the resolver stay internal.
 */
public final class Spotlane {
    /** The rules file a repository may carry. */
    public static final String REPO_RULES = ".spotlane.yml";

    private Spotlane() {
    }

    /**
     * The policy for a repository: {@code rules} when given, else the repository's {@code .spotlane.yml}, else the
     * bundled default.
     */
    public static Policy policy(Path repo, Path rules) throws IOException, PolicyException {
        Objects.requireNonNull(repo, "repo");
        Path own = repo.resolve(REPO_RULES);
        Policy policy = rules != null ? PolicyLoader.load(rules)
                : Files.isRegularFile(own) ? PolicyLoader.load(own) : PolicyLoader.bundled();
        // the image platforms file, read offline; confined to the repository unless the user's --rules names it
        return policy.withPlatforms(ImagePlatforms.load(policy.images().platforms(), repo, rules == null));
    }

    /** Plans the fix of {@code repo/.gitlab-ci.yml}. */
    public static FixResult fix(Path repo, Policy policy) throws IOException, SpotlaneException {
        return fix(repo, ".gitlab-ci.yml", policy, Map.of());
    }

    /**
     * Plans the fix of a pipeline: reads and resolves it, decides routing and pull policies, and proves the edits
     * by re-resolving them. Nothing is written.
     *
     * @param repo     the repository root
     * @param mainFile the pipeline file, relative to the root
     * @param policy   the rules
     * @param projects other projects' local folders, for {@code include:project} and components
     * @throws SpotlaneException when the pipeline cannot be read or GitLab would reject it
     */
    public static FixResult fix(Path repo, String mainFile, Policy policy, Map<String, Path> projects)
            throws IOException, SpotlaneException {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(mainFile, "mainFile");
        Objects.requireNonNull(policy, "policy");
        Path file = repo.resolve(mainFile);
        ParseResult parsed = new YamlParser().parse(Source.read(file));
        if (!parsed.ok()) {
            throw new SpotlaneException(parsed.error().toString());
        }
        IncludeSource source = source(repo, projects);
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, mainFile);
        if (pipeline.hasErrors()) {
            throw new SpotlaneException(String.join("\n", pipeline.errors().stream().map(Object::toString)
                    .toList()));
        }
        return Fixer.plan(pipeline, policy, source, mainFile);
    }

    /**
     * Lints {@code repo/.gitlab-ci.yml} as {@code spotlane lint} does, with the AMI allowlists the policy names.
     *
     * @return the findings, sorted by file, line and column; a main file that is not valid YAML gives one
     *         {@code yaml-syntax} finding rather than an exception
     * @throws SpotlaneException when an allowlist file is malformed
     */
    public static List<Finding> lint(Path repo, Policy policy) throws IOException, SpotlaneException {
        return lint(repo, ".gitlab-ci.yml", policy, Map.of(), Map.of());
    }

    /**
     * Lints a pipeline: resolves it (includes, {@code extends}, {@code !reference}, {@code default:}), runs every
     * check with the severities the policy sets, and reads the policy's AMI allowlists (relative to {@code repo}).
     *
     * @param repo      the repository root
     * @param mainFile  the pipeline file, relative to the root
     * @param policy    the rules
     * @param projects  other projects' local folders, for {@code include:project} and components
     * @param variables values of variables known only when a job runs, e.g. {@code CI_REGISTRY}
     * @return the findings, sorted
     * @throws SpotlaneException when an allowlist file is malformed
     */
    public static List<Finding> lint(Path repo, String mainFile, Policy policy, Map<String, Path> projects,
                                     Map<String, String> variables) throws IOException, SpotlaneException {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(mainFile, "mainFile");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(variables, "variables");
        ParseResult parsed = new YamlParser().parse(Source.read(repo.resolve(mainFile)));
        if (!parsed.ok()) {
            return Lint.syntaxError(parsed.error(), policy);
        }
        Allowlist allowlist;
        try {
            allowlist = Lint.allowlist(policy, repo);
        } catch (AllowlistException e) {
            throw new SpotlaneException(String.join("\n", e.problems()));
        }
        IncludeSource source = source(repo, projects);
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, mainFile);
        return Lint.run(pipeline, policy, source, mainFile, variables, allowlist);
    }

    /**
     * Includes read from the checkout, named like the main file: {@code repo/ci/a.yml} beside
     * {@code repo/.gitlab-ci.yml}.
     */
    private static IncludeSource source(Path repo, Map<String, Path> projects) {
        return new CheckoutIncludeSource(repo, "", projects, repo.toString().replace('\\', '/'));
    }

    /** The planned change as unified diffs ({@code a/} and {@code b/} prefixes), empty when nothing changes. */
    public static String diff(FixResult result) {
        Objects.requireNonNull(result, "result");
        StringBuilder b = new StringBuilder();
        for (FileChange c : result.changes()) {
            b.append(UnifiedDiff.of(c.name(), c.oldText(), c.newText()));
        }
        return b.toString();
    }

    /** Writes every changed file atomically (a temporary file beside it, then a move), keeping its permissions. */
    public static void write(FixResult result) throws IOException {
        Objects.requireNonNull(result, "result");
        for (FileChange change : result.changes()) {
            writeAtomically(Path.of(change.name()), change.newText());
        }
    }

    /** Replaces a file's content atomically: readers see the old bytes or the new ones, never a half-written file. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new java.nio.file.FileSystemException(target.toString(), null, "is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(target.toString(), null, "its folder does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".spotlane.tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (posix != null && Files.exists(target)) {
                Files.setPosixFilePermissions(tmp, posix.readAttributes().permissions());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
