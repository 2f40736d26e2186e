package dev.spotlane.lint;

import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import dev.spotlane.yaml.YamlError;
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
        Objects.requireNonNull(pipeline, "pipeline");
        FixResult fix = pipeline.hasErrors() ? null : Fixer.plan(pipeline, policy, source, mainPath);
        return new Linter().run(new LintContext(null, pipeline, policy, fix,
                ImageResolution.of(pipeline, variables)));
    }
}
