package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.policy.HistoryRouting.Job;
import dev.spotlane.policy.HistoryRouting.Routed;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A history job goes where fix's router sends a job written with its name, stage and tags. */
class HistoryRouterTest {
    private static final Policy BUNDLED = PolicyLoader.bundled();

    private static Routed route(Job job) {
        return HistoryRouter.of(BUNDLED).route(List.of(job)).get(0);
    }

    @Test
    void routesAsFixDoes() {
        assertEquals(new Routed("t4g", "short-jobs", ""), route(new Job("lint", "test", List.of())));
        assertEquals(new Routed("c7g", "heavy-tests", ""), route(new Job("mutation-test", null, List.of("local"))));
        assertEquals(new Routed("t4g", "short-jobs", ""), route(new Job("unit", "test", List.of("cloud", "t4g"))),
                "already routed: compliant");
        assertEquals(new Routed(null, null, "tag \"gpu\" is neither a local nor a cloud tag"),
                route(new Job("bench", "test", List.of("gpu"))));
        assertEquals(new Routed(null, null, "tag \"$RUNNER\" holds a variable"),
                route(new Job("deploy", "deploy", List.of("$RUNNER"))));
    }

    @Test
    void namesGitLabCannotRunStay() {
        assertEquals("no job name", route(new Job(null, "test", List.of())).reason());
        assertEquals("not a job name GitLab runs", route(new Job("variables", "test", List.of())).reason());
        assertEquals("not a job name GitLab runs", route(new Job(".hidden", "test", List.of())).reason());
        assertEquals("job name longer than 255 characters", route(new Job("x".repeat(256), "test", List.of()))
                .reason());
    }

    @Test
    void hostileNamesAreQuotedAndEachRoutedOnItsOwn() {
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job("a: b # \"quoted\" \\ \t\u0007 \u2028 😀", "te\"st", List.of("local")));
        jobs.add(new Job("lint", "test", List.of()));
        jobs.add(new Job("lint", "build", List.of("gpu")));
        jobs.add(new Job("\ud800 lone surrogate", "test", List.of()));
        for (int k = 0; k < 1200; k++) {
            jobs.add(new Job("job-" + k, "test", List.of()));
        }
        List<Routed> r = HistoryRouter.of(BUNDLED).route(jobs);
        assertEquals(jobs.size(), r.size());
        assertEquals("t4g", r.get(0).className());
        assertEquals("t4g", r.get(1).className());
        assertEquals("tag \"gpu\" is neither a local nor a cloud tag", r.get(2).reason(), "the same name, another"
                + " stage and tags: another batch");
        assertEquals("t4g", r.get(3).className());
        assertEquals(1204, r.stream().filter(x -> x != null).count());
        assertEquals("t4g", r.get(1203).className(), "past the first batches");
    }
}
