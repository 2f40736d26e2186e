package dev.spotlane.fleet.sim;

import dev.spotlane.policy.Policy;
import dev.spotlane.transform.HistoryRouter;
import java.util.List;

/** Workloads routed as the command line routes them: by fix's router through {@link HistoryRouter}. */
public final class Workloads {
    private Workloads() {
    }

    public static Workload of(JobTrace trace, Policy policy, int localSlots, long periodMs) {
        return Workload.of(trace, List.copyOf(policy.routing().classes().keySet()), HistoryRouter.of(policy),
                localSlots, periodMs);
    }
}
