package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlane.cli.ImagesCommandTest.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code usage} and {@code simulate} read the same history the same way: one routing (fix's, through
 * {@code transform.HistoryRouter}), one way to tell pipelines apart, one vocabulary. Each file below is fed to both
 * and their counts compared: jobs, unfinished jobs left out, pipelines, jobs routed per class, jobs that stay and
 * why, job-hours and CPU-hours.
 */
class UsageSimulateAgreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String G = "src/test/resources/golden/";

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        // the case: 4 jobs, one with a foreign tag, one never started, no pipeline ids
        "agree/four-jobs.csv, bundled",
        "sim/jobs.json, bundled",
        "sim/jobs.csv, bundled",
        "usage/trace.csv, usage/rules.yml",
        // GitLab's own job JSON: tag_list, pipeline and runner objects, status
        "usage/trace.json, usage/rules.yml",
        "usage/jobs.json, usage/rules.yml",
    })
    void theyCountTheSame(String file, String rules) throws Exception {
        List<String> r = rules.equals("bundled") ? List.of() : List.of("--rules", G + rules);
        Run usage = ImagesCommandTest.run(args(List.of("usage", "--input", G + file, "--format", "json",
                "--local-vcpus", "8"), r));
        Run simulate = ImagesCommandTest.run(args(List.of("simulate", "--jobs", G + file, "--format", "json",
                "--idle-time", "20m", "--local-vcpus", "8"), r));
        assertEquals(0, usage.code(), usage.err());
        assertEquals(0, simulate.code(), simulate.err());
        assertEquals(counts(JSON.readTree(usage.out())), simulated(JSON.readTree(simulate.out())), file);
    }

    private static String[] args(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    /** usage's counts. */
    private static Map<String, Object> counts(JsonNode u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", u.path("jobs").asInt());
        m.put("unfinished", u.path("unfinished_left_out").asInt());
        m.put("pipelines", u.path("pipelines").asInt());
        Map<String, Integer> routed = new LinkedHashMap<>();
        u.path("routes").forEach(x -> routed.merge(x.path("class").asText(), x.path("jobs").asInt(), Integer::sum));
        routed.values().removeIf(v -> v == 0);
        m.put("routed", routed);
        m.put("stays", JSON.convertValue(u.path("stays"), Map.class));
        m.put("job_hours", u.path("job_hours").asText());
        m.put("cpu_hours", u.path("cpu_hours").asText());
        return m;
    }

    /** simulate's counts, under the same names. */
    private static Map<String, Object> simulated(JsonNode s) {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode t = s.path("trace");
        m.put("jobs", t.path("jobs").asInt());
        m.put("unfinished", t.path("unfinished_left_out").asInt());
        m.put("pipelines", t.path("pipelines").asInt());
        Map<String, Integer> routed = new LinkedHashMap<>();
        s.path("routing").path("routed").properties().forEach(e -> routed.put(e.getKey(), e.getValue().asInt()));
        routed.values().removeIf(v -> v == 0);
        m.put("routed", routed);
        m.put("stays", JSON.convertValue(s.path("routing").path("stays"), Map.class));
        m.put("job_hours", t.path("job_hours").asText());
        m.put("cpu_hours", t.path("cpu_hours").asText());
        return m;
    }
}
