package dev.spotlane.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The anchored diff of large files is a valid diff: applying it to the old lines gives the new ones. */
class AnchoredDiffTest {

    /** A pipeline of {@code jobs} jobs, and the same with a tag line added or changed in a random half of them. */
    private static List<List<String>> pipelines(int jobs, long seed) {
        Random r = new Random(seed);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            List<String> job = List.of("job-" + j + ":", "  image: golang:1.26", "  script:", "    - make test", "");
            a.addAll(job);
            b.addAll(job.subList(0, 2));
            int edit = r.nextInt(4);
            if (edit == 1) {
                b.add("  tags: [cloud, t4g]");
            } else if (edit == 2) {
                b.set(b.size() - 1, "  image: golang:1.26@sha256:" + j);
            }
            b.addAll(job.subList(2, job.size()));
            if (edit == 3) {
                b.remove(b.size() - 2);
            }
        }
        return List.of(a, b);
    }

    @Test
    void applyingTheAnchoredDiffGivesTheNewFile() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<List<String>> p = pipelines(3000, seed);
            Patch<String> patch = AnchoredDiff.diff(p.get(0), p.get(1));
            assertEquals(p.get(1), DiffUtils.patch(p.get(0), patch), "seed " + seed);
            assertTrue(AnchoredDiff.anchors(p.get(0), p.get(1)).length >= 3000, "every job name is an anchor");
        }
    }

    @Test
    void withoutUniqueLinesItIsMyersOverTheWhole() throws Exception {
        List<String> a = new ArrayList<>(java.util.Collections.nCopies(3000, "x"));
        List<String> b = new ArrayList<>(a);
        b.add(1500, "y");
        assertEquals(0, AnchoredDiff.anchors(a, b).length);
        assertEquals(b, DiffUtils.patch(a, AnchoredDiff.diff(a, b)));
    }

    @Test
    void theUnifiedDiffOfALargeFileAppliesBack() throws Exception {
        List<List<String>> p = pipelines(2000, 7);
        String oldText = String.join("\n", p.get(0)) + "\n";
        String newText = String.join("\n", p.get(1)) + "\n";
        assertTrue(p.get(0).size() + p.get(1).size() > UnifiedDiff.EXACT_LIMIT, "the anchored path is taken");
        String diff = UnifiedDiff.of(".gitlab-ci.yml", oldText, newText);
        Patch<String> parsed = UnifiedDiffUtils.parseUnifiedDiff(Arrays.asList(diff.split("\n")));
        assertEquals(Arrays.asList(newText.split("\n")), DiffUtils.patch(Arrays.asList(oldText.split("\n")), parsed));
    }
}
