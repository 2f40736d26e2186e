package dev.spotlane;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
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
import java.util.Map;
import java.util.Objects;

/**
 * spotlane as a library, for a Renovate post-upgrade hook or any other program:
 * <pre>{@code
 * Policy policy = Spotlane.policy(repo, null);           // .spotlane.yml, else the bundled rules
 * FixResult result = Spotlane.fix(repo, policy);          // plans and proves the edits; writes nothing
 * Spotlane.write(result);                                 // atomically rewrites the changed files
 * }</pre>
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
        if (rules != null) {
            return PolicyLoader.load(rules);
        }
        Path own = repo.resolve(REPO_RULES);
        return Files.isRegularFile(own) ? PolicyLoader.load(own) : PolicyLoader.bundled();
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
        IncludeSource source = new CheckoutIncludeSource(repo, "", projects, repo.toString().replace('\\', '/'));
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, mainFile);
        if (pipeline.hasErrors()) {
            throw new SpotlaneException(String.join("\n", pipeline.errors().stream().map(Object::toString)
                    .toList()));
        }
        return Fixer.plan(pipeline, policy, source, mainFile);
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
