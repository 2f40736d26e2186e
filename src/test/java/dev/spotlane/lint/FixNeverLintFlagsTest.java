package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import dev.spotlane.Spotlane;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guarantee of the safe cutover: {@code spotlane fix} never produces what {@code lint} flags. Over every fix
 * golden (with its own rules and platforms file) and every corpus root (bundled rules), the fix is planned in memory,
 * the fixed files are resolved and linted with the same rules, and:
 * <ul>
 * <li>no {@code routing-drift} or {@code pull-policy-mismatch} is left (the fix does all it decides);</li>
 * <li>every {@code pull-policy-not-allowed}, {@code arm-incompatible-platform}, {@code image-not-arm64} and
 * {@code privileged-required} after the fix was already there before it (same check, same message): the fix adds
 * none. Those it cannot cure are the user's own tags (a job they tagged for the cloud), which fix leaves alone.</li>
 * <li>no check of {@link #NEVER_MORE} has more findings after the fix than before;</li>
 * <li>with {@code --add-retry} (a golden's {@code options}, and every corpus root again with an ECR pull-through
 * cache rewrite), {@code spot-retry} is left only for jobs the fix says it left, and a rewrite cures
 * {@code image-not-mirrored} findings.</li>
 * </ul>
 */
public class FixNeverLintFlagsTest {
    static final Set<String> FIXED = Set.of("routing-drift", "pull-policy-mismatch");
    /** Checks the fix never adds a finding of (it may leave some, it may remove some): counted per check. */
    static final Set<String> NEVER_MORE = Set.of("image-not-mirrored", "image-not-in-allowlist", "spot-retry",
            "implicit-latest", "unpinned-service-image", "dynamic-image");
    /** The bundled rules with an ECR pull-through cache that fix rewrites Docker Hub images to. */
    public static final String ECR_RULES = """
            version: 1
            routing:
              policy: explicit
              cloud_tag: cloud
              local_tags: [local]
              classes:
                t4g: { tags: [t4g], default: true }
                c7g: { tags: [c7g] }
              routes:
                - { name: heavy-tests, match: { jobs: ["mutation-test*", "*integration-test*"] }, class: c7g }
                - { name: short-jobs, match: { jobs: ["*"] }, class: t4g }
            images:
              pull_policy: { pinned: if-not-present, unpinned: always }
              mirror: { kind: ecr-pull-through, account: "123456789012", region: eu-west-1, rewrite: true }
            """;
    static final Set<String> NEVER_ADDED = Set.of("pull-policy-not-allowed", "arm-incompatible-platform",
            "image-not-arm64", "privileged-required");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fix");
    private static final String MAIN = ".gitlab-ci.yml";

    @TestFactory
    Stream<DynamicTest> everyFixGolden() throws Exception {
        List<Path> cases;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            cases = s.filter(p -> Files.isDirectory(p.resolve("input")) && !Files.isDirectory(p.resolve("projects")))
                    .sorted().toList();
        }
        assertTrue(cases.size() >= 30, "fix goldens: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Path repo = c.resolve("input");
            check(repo, Spotlane.policy(repo, null), true, options(c));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusRoot() throws Exception {
        Path dir = Corpus.dir().toAbsolutePath().normalize();
        List<Path> roots = Corpus.yamlFiles().stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getFileName().toString().equals(MAIN) && p.getParent().getParent().equals(dir))
                .toList();
        assertFalse(roots.isEmpty(), "no root " + MAIN + " in " + dir);
        Policy policy = PolicyLoader.bundled();
        return roots.stream().map(f -> DynamicTest.dynamicTest(Corpus.name(f), () -> check(f.getParent(), policy,
                false, Fixer.Options.DEFAULT)));
    }

    /** Every corpus root again with an ECR pull-through cache rewrite and {@code --add-retry}. */
    @TestFactory
    Stream<DynamicTest> everyCorpusRootRewrittenAndRetried(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path dir = Corpus.dir().toAbsolutePath().normalize();
        List<Path> roots = Corpus.yamlFiles().stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getFileName().toString().equals(MAIN) && p.getParent().getParent().equals(dir))
                .toList();
        assertFalse(roots.isEmpty(), "no root " + MAIN + " in " + dir);
        Path rules = temp.resolve("ecr.yml");
        Files.writeString(rules, ECR_RULES);
        Policy policy = PolicyLoader.load(rules);
        return roots.stream().map(f -> DynamicTest.dynamicTest(Corpus.name(f), () -> check(f.getParent(), policy,
                false, new Fixer.Options(true))));
    }

    /** A fix golden's {@code options} file (see FixGoldenTest). */
    private static Fixer.Options options(Path caseDir) throws java.io.IOException {
        Path file = caseDir.resolve("options");
        return new Fixer.Options(Files.exists(file) && Files.readAllLines(file).stream().map(String::strip)
                .anyMatch("--add-retry"::equals));
    }

    private static void check(Path repo, Policy policy, boolean golden, Fixer.Options options) throws Exception {
        LintFixLint round = LintFixLint.of(repo, policy, options);
        Assumptions.assumeTrue(round.skipped() == null, () -> round.skipped() + ": nothing to fix");
        List<Finding> was = round.before();
        FixResult fix = round.fix();
        List<Finding> now = round.after();
        Set<String> previously = new TreeSet<>();
        was.forEach(f -> previously.add(f.checkId() + " " + f.message()));
        List<String> problems = new ArrayList<>();
        for (String id : NEVER_MORE) {
            long a = was.stream().filter(f -> f.checkId().equals(id)).count();
            long b = now.stream().filter(f -> f.checkId().equals(id)).count();
            if (b > a) {
                problems.add(id + ": " + a + " finding(s) before the fix, " + b + " after");
            }
        }
        if (options.addRetry()) {
            Set<String> left = new TreeSet<>();
            fix.retries().stream().filter(r -> !r.added()).forEach(r -> left.add(r.job()));
            now.stream().filter(f -> f.checkId().equals("spot-retry")
                            && left.stream().noneMatch(j -> f.message().startsWith("job \"" + j + "\" ")))
                    .forEach(f -> problems.add("--add-retry left: " + f));
        }
        if (policy.images().mirror() instanceof dev.spotlane.policy.Mirror.EcrPullThrough) {
            Set<String> left = new TreeSet<>();
            fix.cache().stream().filter(c -> !c.rewritten()).forEach(c -> left.add(c.ref()));
            long rewritten = fix.cache().stream().filter(dev.spotlane.transform.CacheNote::rewritten).count();
            long a = was.stream().filter(f -> f.checkId().equals("image-not-mirrored")).count();
            long b = now.stream().filter(f -> f.checkId().equals("image-not-mirrored")).count();
            if (fix.changed() && rewritten > 0 && b >= a) {
                problems.add("the cache rewrite cured no image-not-mirrored finding: " + a + " before, " + b
                        + " after");
            }
        }
        for (Finding f : now) {
            if (FIXED.contains(f.checkId())) {
                problems.add("left after the fix: " + f);
            } else if (NEVER_ADDED.contains(f.checkId()) && !previously.contains(f.checkId() + " " + f.message())) {
                problems.add("produced by the fix: " + f);
            }
        }
        if (golden) {
            // the goldens are written so that fix leaves nothing at all among these checks
            now.stream().filter(f -> NEVER_ADDED.contains(f.checkId()))
                    .forEach(f -> problems.add("a golden keeps: " + f));
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }
}
