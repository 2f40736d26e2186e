package dev.spotlane.lint.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Lint;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsatisfiableTagsOtherRunnersTest {

    private static List<String> unsatisfiable(Path dir, String rulesExtra) throws Exception {
        String pipeline = "gpu-job:\n  tags: [gpu]\n  script: [train]\nwin-job:\n  tags: [windows, shell]\n"
                + "  script: [build]\n";
        Files.writeString(dir.resolve(".gitlab-ci.yml"), pipeline);
        String rules = Files.readString(Path.of("rules/spotlane.yml")).replace("  local_tags: [local]",
                "  local_tags: [local]" + rulesExtra);
        Policy policy = PolicyLoader.load(new Source("rules.yml", rules), dir);
        ResolvedPipeline p = new Resolver().resolve(new YamlParser().parse(new Source(".gitlab-ci.yml", pipeline))
                .orElseThrow(), new CheckoutIncludeSource(dir), ".gitlab-ci.yml");
        return Lint.run(p, policy, new CheckoutIncludeSource(dir), ".gitlab-ci.yml", Map.of()).stream()
                .filter(f -> f.checkId().equals("unsatisfiable-tags")).map(Finding::toString).toList();
    }

    @Test
    void jobsOfUndeclaredRunnersAreReported(@TempDir Path dir) throws Exception {
        assertEquals(2, unsatisfiable(dir, "").size());
    }

    @Test
    void declaredOtherRunnersSatisfyTheirJobs(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), unsatisfiable(dir, "\n  other_runners: [[gpu], [windows, shell, x64]]"));
    }
}
