package dev.spotlane.bench;

import dev.spotlane.lint.Finding;
import dev.spotlane.lint.LintFixLint;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.transform.CacheNote;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import dev.spotlane.transform.RetryNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Corpus figures for issue 17's cache rewrite, {@code image-not-mirrored} and {@code fix --add-retry}: over every
 * corpus root ({@code <corpus>/<repo>/.gitlab-ci.yml}), with the bundled rules and with the same routing plus an ECR
 * pull-through cache ({@code rewrite: true}), the fix is planned with {@code --add-retry} and the pipeline linted
 * before and after. Not part of the build; run it after {@code mvn -o test-compile} with
 * <pre>{@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.spotlane.bench.MirrorRetryFigures [CORPUS]}</pre>
 * ({@code cp.txt} from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class MirrorRetryFigures {
    private static final String MAIN = ".gitlab-ci.yml";
    /** The rules FixNeverLintFlagsTest proves the ECR rewrite with: the same file measured here. */
    private static final String ECR = dev.spotlane.lint.FixNeverLintFlagsTest.ECR_RULES;

    private MirrorRetryFigures() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus").toAbsolutePath().normalize();
        List<Path> roots;
        try (Stream<Path> s = Files.list(corpus)) {
            roots = s.map(p -> p.resolve(MAIN)).filter(Files::isRegularFile).sorted().toList();
        }
        Path rules = Files.createTempFile("spotlane-ecr", ".yml");
        Files.writeString(rules, ECR);
        Map<String, Policy> policies = new LinkedHashMap<>();
        policies.put("bundled rules", PolicyLoader.bundled());
        policies.put("ecr-pull-through rewrite", PolicyLoader.load(rules));
        Files.delete(rules);
        System.out.println("corpus roots: " + roots.size() + " (" + corpus + ")");
        for (Map.Entry<String, Policy> p : policies.entrySet()) {
            Map<String, Long> n = new TreeMap<>();
            Map<String, Long> leftReasons = new TreeMap<>();
            for (Path root : roots) {
                figures(root.getParent(), p.getValue(), n, leftReasons);
            }
            System.out.println("\n== " + p.getKey() + " (fix --add-retry)");
            n.forEach((k, v) -> System.out.println(String.format("  %-58s %6d", k, v)));
            if (!leftReasons.isEmpty()) {
                System.out.println("  references not rewritten, by reason:");
                leftReasons.forEach((k, v) -> System.out.println(String.format("    %5d  %s", v, k)));
            }
        }
    }

    private static void figures(Path repo, Policy policy, Map<String, Long> n, Map<String, Long> leftReasons)
            throws Exception {
        LintFixLint round = LintFixLint.of(repo, policy, new Fixer.Options(true));
        if (round.skipped() != null) {
            add(n, round.skipped().startsWith("not valid YAML") ? "roots skipped (not valid YAML)"
                    : "roots skipped (GitLab would reject them)", 1);
            return;
        }
        add(n, "roots fixed and linted", 1);
        List<Finding> was = round.before();
        FixResult fix = round.fix();
        List<Finding> now = round.after();
        for (String id : List.of("image-not-mirrored", "spot-retry")) {
            add(n, id + " findings before fix", was.stream().filter(f -> f.checkId().equals(id)).count());
            add(n, id + " findings after fix", now.stream().filter(f -> f.checkId().equals(id)).count());
        }
        if (System.getProperty("figures.show") != null) {
            now.stream().filter(f -> f.checkId().equals(System.getProperty("figures.show")))
                    .forEach(f -> System.out.println("    " + repo.getFileName() + ": " + f));
        }
        long files = was.stream().filter(f -> f.checkId().equals("spot-retry")).map(f -> f.location().path())
                .distinct().count();
        add(n, "spot-retry: files with findings before fix (one per file)", files);
        add(n, "references rewritten to the cache", fix.cache().stream().filter(CacheNote::rewritten).count());
        add(n, "references not rewritten (reported)", fix.cache().stream().filter(c -> !c.rewritten()).count());
        fix.cache().stream().filter(c -> !c.rewritten()).forEach(c -> leftReasons.merge(category(c.reason()), 1L,
                Long::sum));
        add(n, "jobs given a retry", fix.retries().stream().filter(RetryNote::added).count());
        add(n, "jobs left without a retry (reported)", fix.retries().stream().filter(r -> !r.added()).count());
        add(n, "roots whose fix was refused by the proof", fix.decisions().stream()
                .anyMatch(d -> d.reason() != null && d.reason().contains("could not plan an edit it can prove"))
                ? 1 : 0);
    }

    private static String category(String reason) {
        int q = reason.indexOf('"');
        return q > 0 ? reason.substring(0, q) + "..." : reason;
    }

    private static void add(Map<String, Long> n, String key, long v) {
        n.merge(key, v, Long::sum);
    }
}
