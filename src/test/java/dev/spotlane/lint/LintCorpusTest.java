package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.report.FindingsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Lints every root pipeline of the corpus ({@code <owner>__<repo>/.gitlab-ci.yml}) with the bundled rules: no
 * exception, every finding at a real line, every report renders. Prints the count of findings per check on one
 * line, and writes them all to {@code target/lint-corpus.txt} to read by eye.
 */
class LintCorpusTest {

    @Test
    void lintsEveryRootPipeline() throws Exception {
        List<Path> roots = Corpus.yamlFiles().stream()
                .filter(p -> p.getFileName().toString().equals(".gitlab-ci.yml"))
                .filter(p -> Corpus.dir().relativize(p).getNameCount() == 2)
                .toList();
        assertTrue(roots.size() >= 40, "root pipelines: " + roots.size());
        Policy policy = PolicyLoader.bundled();
        Map<String, Integer> perCheck = new TreeMap<>();
        Checks.ALL.forEach(c -> perCheck.put(c.id(), 0));
        perCheck.put(Linter.UNUSED_SUPPRESSION, 0);
        List<String> all = new ArrayList<>();
        int count = 0;
        for (Path main : roots) {
            Path repo = main.getParent();
            List<Finding> findings;
            try {
                findings = LintRun.lint(repo, ".gitlab-ci.yml", policy);
                FindingsReport.codeQuality(findings, repo);
                FindingsReport.sarif(findings, Checks.ALL, "test", repo);
                FindingsReport.json(findings);
                FindingsReport.text(findings, p -> null, false);
            } catch (RuntimeException e) {
                throw new AssertionError(Corpus.name(main) + ": internal error: " + e, e);
            }
            for (Finding f : findings) {
                assertTrue(f.location().line() >= 1 && f.location().column() >= 1, f.toString());
                perCheck.merge(f.checkId(), 1, Integer::sum);
                all.add(f.severity().label() + " " + LintRun.line(f, Corpus.dir()));
            }
            count += findings.size();
        }
        StringBuilder line = new StringBuilder("lint corpus: " + roots.size() + " pipelines, " + count + " findings:");
        perCheck.forEach((id, n) -> line.append(' ').append(id).append('=').append(n));
        System.out.println(line);
        Path out = Path.of("target/lint-corpus.txt");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, String.join("\n", all) + "\n");
        }
    }
}
