package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.YamlParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Lint#run} resolves the pipeline's images once and gives them to the fix plan too, but only when no
 * {@code --var} is given: the plan (what {@code fix} writes) never sees the user's run-time values, the checks do.
 */
class LintImagesOnceTest {
    private static final String PIPELINE = """
            job: {image: "$IMG", script: [x]}
            other: {image: alpine, script: [y]}
            """;

    private static List<String> lint(Map<String, String> variables) throws Exception {
        ResolvedPipeline p = new Resolver().resolve(new YamlParser().parse(".gitlab-ci.yml", PIPELINE).orElseThrow(),
                IncludeSource.none("one file"), ".gitlab-ci.yml");
        Policy policy = PolicyLoader.bundled();
        return Lint.run(p, policy, IncludeSource.none("one file"), ".gitlab-ci.yml", variables).stream()
                .filter(f -> f.checkId().startsWith("pull-policy") || f.checkId().endsWith("-image")
                        || f.checkId().equals("implicit-latest"))
                .map(f -> f.location().line() + " " + f.checkId()).toList();
    }

    @Test
    void withoutVariablesThePlanAndTheChecksSeeTheSameImages() throws Exception {
        assertEquals(List.of("1 dynamic-image", "2 implicit-latest", "2 pull-policy-mismatch"), lint(Map.of()));
    }

    @Test
    void aVariableIsSeenByTheChecksButNotByThePlan() throws Exception {
        // "$IMG" is alpine for the checks (no tag), but fix writes no pull_policy for it: it cannot know the value
        assertEquals(List.of("1 implicit-latest", "2 implicit-latest", "2 pull-policy-mismatch"),
                lint(Map.of("IMG", "alpine")));
    }
}
