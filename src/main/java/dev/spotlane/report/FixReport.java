package dev.spotlane.report;

import dev.spotlane.transform.CacheNote;
import dev.spotlane.transform.Decision;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.ImageNote;
import dev.spotlane.transform.RetryNote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The human summary of a fix: jobs moved per class, jobs left and why, images given a policy. */
public final class FixReport {
    private FixReport() {
    }

    public static String summary(FixResult r) {
        StringBuilder b = new StringBuilder();
        b.append("policy: ").append(r.policy().routing().mode().label()).append(", rules: ")
                .append(r.policy().source()).append('\n');
        Map<String, Integer> moved = new LinkedHashMap<>();
        for (Decision d : r.decisions()) {
            if (d.outcome() == Decision.Outcome.MOVE) {
                moved.merge(d.className(), 1, Integer::sum);
            }
        }
        if (moved.isEmpty()) {
            b.append("jobs moved: none\n");
        }
        moved.forEach((cls, n) -> b.append("jobs moved to ").append(cls).append(": ").append(n).append('\n'));
        for (Decision d : r.decisions()) {
            if (d.outcome() == Decision.Outcome.MOVE) {
                b.append("  ").append(TerminalText.escape(d.job())).append(": ").append(d.from()).append(" -> ").append(d.to())
                        .append(" (route \"").append(d.route()).append("\")\n");
            }
        }
        long compliant = r.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.COMPLIANT).count();
        b.append("jobs already routed: ").append(compliant).append('\n');
        List<Decision> kept = r.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.KEEP).toList();
        b.append("jobs left where they are: ").append(kept.size()).append('\n');
        kept.forEach(d -> b.append("  ").append(TerminalText.escape(d.job())).append(": ").append(TerminalText.escape(d.reason())).append('\n'));
        long noRoute = r.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.NO_ROUTE).count();
        if (noRoute > 0) {
            b.append("jobs no route matches: ").append(noRoute).append('\n');
        }
        List<ImageNote> set = r.images().stream().filter(i -> i.outcome() == ImageNote.Outcome.SET).toList();
        b.append("images given a pull_policy: ").append(set.size()).append('\n');
        set.forEach(i -> b.append("  ").append(i.location()).append(": \"").append(TerminalText.escape(i.ref())).append("\" -> ")
                .append(i.policy()).append('\n'));
        List<ImageNote> left = r.images().stream().filter(i -> i.outcome() == ImageNote.Outcome.LEFT).toList();
        if (!left.isEmpty()) {
            b.append("images left alone: ").append(left.size()).append('\n');
            left.forEach(i -> b.append("  ").append(i.location()).append(": \"").append(TerminalText.escape(i.ref())).append("\": ")
                    .append(i.reason()).append('\n'));
        }
        long stays = r.images().stream().filter(i -> i.outcome() == ImageNote.Outcome.STAYS).count();
        if (stays > 0) {
            b.append("images only jobs off the cloud fleet pull (no pull_policy written): ").append(stays).append('\n');
        }
        cache(r, b);
        retries(r, b);
        b.append(r.changes().isEmpty() ? "no changes\n" : "files changed: " + r.changes().size() + "\n");
        return b.toString();
    }

    /** The cache rewrite's lines, only when the rules ask for one and it touched an image. */
    private static void cache(FixResult r, StringBuilder b) {
        List<CacheNote> done = r.cache().stream().filter(CacheNote::rewritten).toList();
        List<CacheNote> left = r.cache().stream().filter(c -> !c.rewritten()).toList();
        if (!done.isEmpty()) {
            b.append("images pointed at the pull-through cache: ").append(done.size()).append('\n');
            done.forEach(c -> b.append("  ").append(c.location()).append(": \"").append(TerminalText.escape(c.ref()))
                    .append("\" -> \"").append(TerminalText.escape(c.to())).append('"')
                    .append(c.alias() == null ? "" : " (alias \"" + TerminalText.escape(c.alias()) + "\" kept)")
                    .append('\n'));
        }
        if (!left.isEmpty()) {
            b.append("images not pointed at the pull-through cache: ").append(left.size()).append('\n');
            left.forEach(c -> b.append("  ").append(c.location()).append(": \"").append(TerminalText.escape(c.ref()))
                    .append("\": ").append(TerminalText.escape(c.reason())).append('\n'));
        }
    }

    /** {@code --add-retry}'s lines, only when it was asked for and found a job. */
    private static void retries(FixResult r, StringBuilder b) {
        List<RetryNote> added = r.retries().stream().filter(RetryNote::added).toList();
        List<RetryNote> left = r.retries().stream().filter(n -> !n.added()).toList();
        if (!added.isEmpty()) {
            b.append("jobs given a retry on runner_system_failure: ").append(added.size()).append('\n');
            added.forEach(n -> b.append("  ").append(TerminalText.escape(n.job())).append(" (")
                    .append(TerminalText.escape(n.file())).append(")\n"));
        }
        if (!left.isEmpty()) {
            b.append("jobs left without a retry on runner_system_failure: ").append(left.size()).append('\n');
            left.forEach(n -> b.append("  ").append(TerminalText.escape(n.job())).append(": ")
                    .append(TerminalText.escape(n.reason())).append('\n'));
        }
    }
}
