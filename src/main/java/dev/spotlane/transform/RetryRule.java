package dev.spotlane.transform;

import dev.spotlane.resolve.RNode;

/**
 * When a job's resolved {@code retry} covers a reclaimed spot worker: the one rule {@code spot-retry} checks and
 * {@code fix --add-retry} establishes, so the two agree.
 */
public final class RetryRule {
    private RetryRule() {
    }

    /**
     * Whether {@code retry} re-runs a job whose runner failed: a count of at least 1, and {@code when} holding
     * {@code runner_system_failure} or {@code always}, or absent without {@code exit_codes}. GitLab's
     * {@code lib/gitlab/ci/build/auto_retry.rb}: {@code when} defaults to {@code [always]} only when no
     * {@code exit_codes} are given, a job is retried when its failure reason is in {@code when} or its exit code in
     * {@code exit_codes} (a lost runner leaves no exit code), and without {@code max} not at all.
     */
    public static boolean retriesSystemFailures(RNode retry) {
        if (retry instanceof RNode.RScalar s) {
            return count(s.value()) > 0;
        }
        if (!(retry instanceof RNode.RMap m)) {
            return false;
        }
        if (!(m.get("max") instanceof RNode.RScalar max) || count(max.value()) <= 0) {
            return false;
        }
        RNode when = m.get("when");
        return when == null ? m.get("exit_codes") == null : covered(when);
    }

    static boolean covered(RNode when) {
        if (when instanceof RNode.RScalar w) {
            return covers(w.value());
        }
        return when instanceof RNode.RList list && list.items().stream()
                .anyMatch(i -> i instanceof RNode.RScalar w && covers(w.value()));
    }

    private static boolean covers(String when) {
        return "always".equals(when) || RetryPlanner.REASON.equals(when);
    }

    static int count(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
