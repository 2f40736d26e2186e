package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spotlane.Corpus;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How many corpus jobs {@code spotlane fix} (bundled rules) leaves where they are, per reason, with three examples
 * each; printed for the closing note. Every job left behind has a reason.
 */
class LeftBehindCorpusTest {
    @Test
    void jobsLeftBehindPerReason() throws Exception {
        Path dir = Corpus.dir().toAbsolutePath().normalize();
        List<Path> roots = Corpus.yamlFiles().stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getFileName().toString().equals(".gitlab-ci.yml")
                        && p.getParent().getParent().equals(dir)).toList();
        Assumptions.assumeFalse(roots.isEmpty(), "no corpus");
        Policy policy = PolicyLoader.bundled();
        Map<String, List<String>> byReason = new TreeMap<>();
        int jobs = 0;
        int moved = 0;
        for (Path f : roots) {
            IncludeSource source = new CheckoutIncludeSource(f.getParent());
            ParseResult parsed = new YamlParser().parse(source.read(".gitlab-ci.yml"));
            if (!parsed.ok()) {
                continue;
            }
            ResolvedPipeline p = new Resolver().resolve(parsed.file(), source, ".gitlab-ci.yml");
            if (p.hasErrors()) {
                continue;
            }
            for (Decision d : Fixer.plan(p, policy, source, ".gitlab-ci.yml").decisions()) {
                jobs++;
                if (d.outcome() == Decision.Outcome.MOVE || d.outcome() == Decision.Outcome.COMPLIANT) {
                    moved++;
                }
                if (d.outcome() != Decision.Outcome.KEEP) {
                    continue;
                }
                assertFalse(d.reason().isBlank(), d.job() + " is left without a reason");
                byReason.computeIfAbsent(kind(d.reason()), k -> new ArrayList<>())
                        .add(Corpus.name(f) + " " + d.job() + ": " + d.reason());
            }
        }
        StringBuilder b = new StringBuilder("left-behind corpus: " + roots.size() + " roots, " + jobs + " jobs, "
                + moved + " on the cloud fleet after fix\n");
        byReason.forEach((k, v) -> {
            b.append("  ").append(k).append(": ").append(v.size()).append('\n');
            v.stream().limit(3).forEach(e -> b.append("    ").append(e).append('\n'));
        });
        System.out.print(b);
    }

    /** The reason without its particulars. */
    static String kind(String reason) {
        if (reason.startsWith("needs a privileged")) {
            return "needs a privileged runner";
        }
        if (reason.startsWith("needs a Windows")) {
            return "needs a Windows runner";
        }
        if (reason.startsWith("needs ") && reason.contains("is built in this pipeline")) {
            return "pulls an image this pipeline builds";
        }
        if (reason.startsWith("needs ") && reason.contains("builds \"")) {
            return "builds an image other jobs pull";
        }
        if (reason.startsWith("needs ") && reason.contains("docker: platform")) {
            return "docker: platform";
        }
        if (reason.startsWith("needs ")) {
            return "platforms file";
        }
        if (reason.startsWith("its configuration is incomplete")) {
            return "incomplete configuration";
        }
        if (reason.startsWith("tag ")) {
            return reason.contains("holds a variable") ? "tag holds a variable" : "other runner's tag";
        }
        if (reason.startsWith("marked")) {
            return "keep-local";
        }
        if (reason.startsWith("trigger")) {
            return "trigger job";
        }
        return reason.replaceAll("\"[^\"]*\"", "\"…\"");
    }
}
