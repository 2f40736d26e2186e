package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.resolve.RNode.RMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: what one resolution builds is bounded after alias and {@code !reference} expansion, measured here by
 * counting the values of the resolved tree (no clock).
 */
class HostileExpansionTest {

    private static ResolveGoldenTest.Result resolve(Path dir, String text) throws IOException {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), text);
        return ResolveGoldenTest.resolve(dir, Map.of());
    }

    private static long size(ResolvedPipeline p) {
        long n = ExpansionBudget.size(p.config());
        for (ResolvedJob j : p.jobs().values()) {
            n += ExpansionBudget.size(j.body());
        }
        for (RMap t : p.templates().values()) {
            n += ExpansionBudget.size(t);
        }
        return n;
    }

    @Test
    void referenceFanOutIsCutAtTheLimit(@TempDir Path dir) throws IOException {
        for (int levels = 4; levels <= 7; levels++) {
            StringBuilder b = new StringBuilder(".l0:\n  s: [one, two, three, four]\n");
            for (int l = 1; l <= levels; l++) {
                b.append(".l").append(l).append(":\n  s:\n");
                b.append(("    - !reference [.l" + (l - 1) + ", s]\n").repeat(10));
            }
            b.append("job:\n  script:\n    - !reference [.l").append(levels).append(", s]\n");
            ResolveGoldenTest.Result r = resolve(dir, b.toString());
            long built = size(r.pipeline());
            // config, jobs and templates share subtrees, so three budgets at most
            assertTrue(built <= 3 * ExpansionBudget.DEFAULT_LIMIT, levels + " levels built " + built);
            if (levels >= 5) {
                assertTrue(r.diagnostics().contains("more than the limit of 250000 (GitLab refuses it: the parsed YAML"
                        + " is too big) [config-invalid]"), r.diagnostics());
                assertEquals(1, r.diagnostics().lines().filter(l -> l.contains("config-invalid")).count(),
                        "reported once: " + r.diagnostics());
            } else {
                assertEquals("", r.diagnostics(), levels + " levels are " + built + " values, under the limit");
            }
        }
    }

    @Test
    void aliasChainOfMappingsIsCutAtTheAlias(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder(".m0: &m0 {a: 1, b: 2}\n");
        for (int i = 1; i <= 15; i++) {
            b.append(".m").append(i).append(": &m").append(i).append(" {a: *m").append(i - 1).append(", b: *m")
                    .append(i - 1).append("}\n");
        }
        b.append("job:\n  script: [x]\n  variables: *m15\n");
        ResolveGoldenTest.Result r = resolve(dir, b.toString());
        assertTrue(size(r.pipeline()) <= 3 * ExpansionBudget.DEFAULT_LIMIT, "built " + size(r.pipeline()));
        assertTrue(r.diagnostics().matches("(?s)\\.gitlab-ci\\.yml:\\d+:\\d+: alias \"m\\d+\" expands the "
                + "configuration to \\d+ values, more than the limit of 250000.*\\[config-invalid]\n"),
                r.diagnostics());
    }
}
