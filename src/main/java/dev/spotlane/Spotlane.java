package dev.spotlane;

import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Lint;
import dev.spotlane.policy.ImagePlatforms;
import dev.spotlane.policy.ImagePolicy;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.RulesChain;
import dev.spotlane.policy.RulesSource;
import dev.spotlane.report.UnifiedDiff;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.transform.FileChange;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.FixWriter;
import dev.spotlane.transform.Fixer;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.SafeFiles;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
     * bundled default. A rules file that {@code extends:} central rules in another project is read offline here: the
     * bundled rules stand in for them, and the notice saying so goes to the {@code dev.spotlane} {@link
     * System.Logger} (warning); use {@link #policy(Path, Path, RulesSource, Consumer)} to read them and hear why not.
     */
    public static Policy policy(Path repo, Path rules) throws IOException, PolicyException {
        return policy(repo, rules, null, n -> System.getLogger("dev.spotlane").log(System.Logger.Level.WARNING, n));
    }

    /**
     * The policy for a repository as every spotlane command reads it (docs/rules-extends.md): {@code rules} when
     * given, else the repository's {@code .spotlane.yml}, else the bundled default; a file that {@code extends:}
     * another is merged with it, central rules and the files they name being read through {@code central}.
     *
     * @param central reads central rules from another project, or null (offline)
     * @param notices hears, once each, what could not be read and what was used instead
     */
    public static Policy policy(Path repo, Path rules, RulesSource central, Consumer<String> notices)
            throws IOException, PolicyException {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(notices, "notices");
        Policy policy;
        Path own = repo.resolve(REPO_RULES);
        if (rules == null && !Files.exists(own, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            policy = PolicyLoader.bundled();
        } else {
            if (rules == null) {
                // found in the repository, so the repository's: it must not link out of it, nor be a FIFO or a device
                SafeFiles.confine(repo, own, own.toString().replace('\\', '/'));
            }
            Path file = rules != null ? rules : own;
            if (extendsAnother(file)) {
                RulesChain.Result r = RulesChain.load(file, repo, central);
                r.notices().forEach(notices);
                policy = r.policy();
            } else {
                policy = PolicyLoader.load(file, repo);
            }
        }
        return withPlatforms(policy, repo, rules == null);
    }

    /**
     * The policy with the image platforms file it names read: named by central rules, it was read from their
     * project; else it is read offline, confined to the repository when {@code confined}.
     */
    public static Policy withPlatforms(Policy policy, Path repo, boolean confined) throws IOException,
            PolicyException {
        Optional<ImagePolicy.CentralFile> named = policy.images().central(policy.images().platforms());
        if (named.isPresent()) {
            return named.get().text() == null ? policy
                    : policy.withPlatforms(ImagePlatforms.parse(named.get().name(), named.get().text()));
        }
        return policy.withPlatforms(ImagePlatforms.load(policy.images().platforms(), repo, confined));
    }

    /** Whether a rules file extends another (a regular file of at most the rules size limit that says so). */
    private static boolean extendsAnother(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > RulesChain.MAX_BYTES) {
            return false;
        }
        return RulesChain.extendsAnother(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
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
        return fix(repo, mainFile, policy, projects, Fixer.Options.DEFAULT);
    }

    /** As {@link #fix(Path, String, Policy, Map)}, with {@code fix}'s options ({@code --add-retry}). */
    public static FixResult fix(Path repo, String mainFile, Policy policy, Map<String, Path> projects,
                                Fixer.Options options) throws IOException, SpotlaneException {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(mainFile, "mainFile");
        Objects.requireNonNull(policy, "policy");
        Path file = repo.resolve(mainFile);
        ParseResult parsed = new YamlParser().parse(Source.readConfined(repo, file, file.toString()));
        if (!parsed.ok()) {
            throw new SpotlaneException(parsed.error().toString());
        }
        IncludeSource source = source(repo, projects);
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, mainFile);
        if (pipeline.hasErrors()) {
            throw new SpotlaneException(String.join("\n", pipeline.errors().stream().map(Object::toString)
                    .toList()));
        }
        return Fixer.plan(pipeline, policy, source, mainFile, options);
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
        Path file = repo.resolve(mainFile);
        ParseResult parsed = new YamlParser().parse(Source.readConfined(repo, file, file.toString()));
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

    /**
     * Writes every changed file atomically (a temporary file beside it, then a move), keeping its mode and owner,
     * and only when it still holds the bytes the plan was made from: a file edited meanwhile is left alone.
     *
     * @throws IOException when a file was not written; the message names each file written and each not written
     */
    public static void write(FixResult result) throws IOException {
        Objects.requireNonNull(result, "result");
        FixWriter.Report report = FixWriter.write(result, null, false, null);
        if (!report.complete()) {
            StringBuilder b = new StringBuilder();
            report.notWritten().forEach((f, why) -> b.append(b.length() == 0 ? "" : "\n").append(f).append(": ")
                    .append(why));
            if (!report.written().isEmpty()) {
                b.append("\nwritten: ").append(String.join(", ", report.written()));
            }
            throw new IOException(b.toString());
        }
    }

    /**
     * Creates a file atomically (a temporary file beside it, then a move that fails when the target exists): never
     * replaces anything.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the target exists
     */
    public static void createAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(target.toString(), null, "its folder does not exist");
        }
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".spotlane.tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                // a hard link appears whole and fails when the name is taken: no window for a replacement
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof java.nio.file.FileAlreadyExistsException) {
                    throw e;
                }
                Files.move(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces a file's content atomically: readers see the old bytes or the new ones, never a half-written file. A
     * device or pipe ({@code /dev/null}) is written through, a read-only file, a directory or a block device refused;
     * see {@link SafeFiles#write}.
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
        SafeFiles.write(target, text.getBytes(StandardCharsets.UTF_8), SafeFiles.WriteOptions.of(null, false));
    }
}
