package dev.spotlane.lint;

import dev.spotlane.Timing;
import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.IncludeException;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import dev.spotlane.transform.JobNeeds;
import dev.spotlane.transform.JobNeedsFinder;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the {@link LintContext} for a pipeline and runs the checks. */
public final class Lint {
    private Lint() {
    }

    /** Findings for a main file that is not valid YAML. */
    public static List<Finding> syntaxError(YamlError error, Policy policy) {
        return new Linter().run(new LintContext(Objects.requireNonNull(error, "error"), null, policy, null,
                List.of()));
    }

    /**
     * Findings for a resolved pipeline.
     *
     * @param variables values for variables known only at run time ({@code --var})
     */
    public static List<Finding> run(ResolvedPipeline pipeline, Policy policy, IncludeSource source, String mainPath,
                                    Map<String, String> variables) {
        return run(pipeline, policy, source, mainPath, variables, null);
    }

    /**
     * Findings for a resolved pipeline, with the AMI allowlist for {@code image-not-in-allowlist}.
     *
     * @param allowlist the merged allowlist, or null when there is none (the check stays silent)
     */
    public static List<Finding> run(ResolvedPipeline pipeline, Policy policy, IncludeSource source, String mainPath,
                                    Map<String, String> variables, Allowlist allowlist) {
        Objects.requireNonNull(pipeline, "pipeline");
        List<ResolvedImage> images = ImageResolution.of(pipeline, variables);
        Timing.mark("image resolution");
        // the jobs' needs route the fix plan and feed the checks: found once; the images too, when no --var makes
        // the checks' images differ from the plan's
        Map<String, JobNeeds> needs = pipeline.hasErrors() ? null : JobNeedsFinder.of(pipeline, policy.platforms());
        FixResult fix = needs == null ? null : Fixer.plan(pipeline, policy, source, mainPath, Fixer.Options.DEFAULT,
                new Fixer.Known(needs, variables.isEmpty() ? images : null));
        Timing.mark("fix plan");
        List<Finding> findings = new Linter().run(new LintContext(null, pipeline, policy, fix, images, allowlist,
                needs));
        Timing.mark("checks");
        return findings;
    }

    /** Where an allowlist file the rules name (not one central rules name) is read from. */
    @FunctionalInterface
    public interface AllowlistFiles {
        /** The file's text, or null when it does not exist (it is then skipped). */
        Source read(Path path) throws IOException, IncludeException;
    }

    /**
     * The allowlist files the policy names, resolved against the repository root when relative; files that do not
     * exist are skipped (null when none exists: no AMI inventory yet).
     */
    public static Allowlist allowlist(Policy policy, Path repoRoot) throws IOException, AllowlistException {
        try {
            return allowlist(policy, p -> {
                Path file = p.isAbsolute() ? p : repoRoot.resolve(p);
                // a relative path is a file of the repository, and so is every path a repository's rules file
                // names: both must resolve inside it; only a rules file from outside the repository may name any
                // file
                Path confine = !p.isAbsolute() ? repoRoot : policy.images().confinedTo();
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                String name = file.toString().replace('\\', '/');
                return confine == null ? Source.read(file, name) : Source.readConfined(confine, file, name);
            });
        } catch (IncludeException e) {
            throw new IllegalStateException("reading from disk raises no include error", e);
        }
    }

    /**
     * The allowlists the policy names, merged: a file central rules name comes from their project at their ref (one
     * not readable there was said once and is skipped), every other one from {@code files}; null when none exists.
     */
    public static Allowlist allowlist(Policy policy, AllowlistFiles files)
            throws IOException, IncludeException, AllowlistException {
        Allowlist merged = null;
        for (Path p : policy.images().allowlist()) {
            java.util.Optional<dev.spotlane.policy.ImagePolicy.CentralFile> central = policy.images().central(p);
            Source text = central.isEmpty() ? files.read(p) : central.get().text() == null ? null
                    : new Source(central.get().name(), central.get().text());
            if (text != null) {
                Allowlist a = Allowlist.parse(text);
                merged = merged == null ? a : merged.plus(a);
            }
        }
        return merged;
    }
}
