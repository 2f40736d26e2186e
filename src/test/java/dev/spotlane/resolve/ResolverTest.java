package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the preview golden files cannot show: the global variables each job inherits, and where each resolved
 * value was written and what brought it (provenance). Uses the inputs of {@link ResolveGoldenTest}'s cases.
 */
class ResolverTest {

    private static ResolvedPipeline golden(String name) throws IOException {
        Path dir = ResolveGoldenTest.ROOT.resolve(name);
        return ResolveGoldenTest.resolve(dir.resolve("input"), Map.of()).pipeline();
    }

    private static ResolvedJob job(ResolvedPipeline p, String name) {
        return p.job(name).orElseThrow(() -> new AssertionError("no job \"" + name + "\" in " + p.jobs().keySet()));
    }

    /** {@code path:line:col (via)} of a value, the path relative to the case's input folder. */
    private static String where(String caseName, RNode value) {
        String prefix = ResolveGoldenTest.ROOT.resolve(caseName).resolve("input") + "/";
        return value.origin().toString().replace(prefix, "");
    }

    @Test
    void inheritVariablesSelectsTheGlobalVariablesAJobSees() throws IOException {
        ResolvedPipeline p = golden("inherit");
        assertEquals(List.of("GLOBAL_A", "GLOBAL_B"), sortedKeys(job(p, "inherits-all")), "inherits-all");
        assertEquals(List.of(), sortedKeys(job(p, "no-variables")), "inherit: variables: false");
        assertEquals(List.of("GLOBAL_B"), sortedKeys(job(p, "some-variables")), "inherit: variables: [GLOBAL_B]");
        assertEquals(Map.of("GLOBAL_B", "b"), job(p, "some-variables").variables(), "variables() as text");
    }

    private static List<String> sortedKeys(ResolvedJob job) {
        return job.globalVariables().keySet().stream().sorted().toList();
    }

    @Test
    void valuesRememberWhereTheyWereWrittenAndWhatBroughtThem() throws IOException {
        ResolvedPipeline p = golden("default-after-extends");
        ResolvedJob job = job(p, "job");
        assertEquals(".gitlab-ci.yml:7:9 (extends .parent)", where("default-after-extends", job.get("tags")));
        assertEquals(".gitlab-ci.yml:9:11 (extends .parent)",
                where("default-after-extends", ((RMap) job.get("image")).get("name")));
        assertEquals(".gitlab-ci.yml:5:18 (default)", where("default-after-extends", job.get("before_script")));
        assertEquals(".gitlab-ci.yml:13:11 (own key)", where("default-after-extends", job.get("script")));
        ResolvedJob noImage = job(p, "job-without-image");
        assertEquals(".gitlab-ci.yml:3:10 (default)", where("default-after-extends", noImage.get("image")),
                "image: null from .drops-image lets default: apply");
    }

    @Test
    void valuesFromIncludesPointIntoTheIncludedFile() throws IOException {
        ResolvedPipeline p = golden("include-defines-default");
        ResolvedJob job = job(p, "job");
        assertEquals("ci/defaults.yml:2:10 (default)", where("include-defines-default", job.get("image")));
        assertEquals(".gitlab-ci.yml:6:9 (default)", where("include-defines-default", job.get("tags")),
                "the main file's default:tags wins over the included one");
        assertEquals("ci/more-defaults.yml:2:10 (default)", where("include-defines-default", job.get("retry")));
    }

    @Test
    void referencedValuesPointToTheReferencedPlace() throws IOException {
        ResolvedPipeline p = golden("reference-forms");
        RList script = (RList) job(p, "job").get("script");
        assertEquals(".gitlab-ci.yml:5:7 (!reference [\".setup\", \"script\"])",
                where("reference-forms", script.items().get(1)));
        assertEquals(".gitlab-ci.yml:19:7 (own key)", where("reference-forms", script.items().get(0)));
        RList login = (RList) job(p, "job").get("before_script");
        assertEquals("ci/snippets.yml:3:7 (!reference [\".shared\", \"login\"])",
                where("reference-forms", login.items().get(0)));
    }
}
