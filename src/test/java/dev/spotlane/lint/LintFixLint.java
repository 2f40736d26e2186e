package dev.spotlane.lint;

import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.OverlayIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One repository linted, fixed in memory and linted again over the fixed files: what {@code FixNeverLintFlagsTest}
 * proves and {@code MirrorRetryFigures} counts.
 *
 * @param skipped why the repository was not fixed (not valid YAML, or GitLab would reject it), or null
 * @param before  the findings before the fix
 * @param fix     the fix planned
 * @param after   the findings on the fixed files
 */
public record LintFixLint(String skipped, List<Finding> before, FixResult fix, List<Finding> after) {
    /** The repository's {@code .gitlab-ci.yml}. */
    public static final String MAIN = ".gitlab-ci.yml";

    public static LintFixLint of(Path repo, Policy policy, Fixer.Options options) throws Exception {
        IncludeSource source = new CheckoutIncludeSource(repo);
        YamlParser parser = new YamlParser();
        ParseResult parsed = parser.parse(source.read(MAIN));
        if (!parsed.ok()) {
            return new LintFixLint("not valid YAML", null, null, null);
        }
        ResolvedPipeline before = new Resolver().resolve(parsed.file(), source, MAIN);
        if (before.hasErrors()) {
            return new LintFixLint("GitLab would reject it", null, null, null);
        }
        List<Finding> was = Lint.run(before, policy, source, MAIN, Map.of());
        FixResult fix = Fixer.plan(before, policy, source, MAIN, options);
        Map<String, String> texts = new LinkedHashMap<>();
        fix.changes().forEach(c -> texts.put(c.name(), c.newText()));
        IncludeSource overlay = new OverlayIncludeSource(source, texts);
        ResolvedPipeline after = new Resolver().resolve(parser.parse(overlay.read(MAIN)).orElseThrow(), overlay,
                MAIN);
        return new LintFixLint(null, was, fix, Lint.run(after, policy, overlay, MAIN, Map.of()));
    }
}
