package dev.spotlane.policy.init;

import java.util.List;
import java.util.Objects;

/**
 * What {@code spotlane init} decided: the local runner's tags, the other runners, whether service images must be
 * pinned, each decision's reason, and the commented rules file that says all of it.
 *
 * @param localTags             {@code routing.local_tags}
 * @param otherRunners          {@code routing.other_runners}, each with why
 * @param decisions             one per tag the pipeline uses, sorted by tag
 * @param requirePinnedServices {@code images.require_pinned_services}
 * @param pinReason             why that value
 * @param notes                 what the user should look at (lowercase lines), e.g. tag sets no runner has
 * @param text                  the rules file
 */
public record InitPlan(List<String> localTags, List<OtherRunner> otherRunners, List<TagDecision> decisions,
                       boolean requirePinnedServices, String pinReason, List<String> notes, String text) {
    public InitPlan {
        localTags = List.copyOf(localTags);
        otherRunners = List.copyOf(otherRunners);
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(pinReason, "pinReason");
        notes = List.copyOf(notes);
        Objects.requireNonNull(text, "text");
    }

    /**
     * A runner spotlane does not manage.
     *
     * @param tags   the tags it carries (a job whose tags are all among them stays where it is)
     * @param reason why spotlane init declared it
     */
    public record OtherRunner(List<String> tags, String reason) {
        public OtherRunner {
            tags = List.copyOf(tags);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** What was decided and why, one line each, for the terminal. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (TagDecision d : decisions) {
            b.append("  ").append(RulesInit.quote(d.tag())).append(": ").append(switch (d.side()) {
                case LOCAL -> "local runner";
                case OTHER -> "other runner";
                case CLOUD -> "cloud runners";
            }).append(" (").append(d.reason()).append("; ").append(RulesInit.jobs(d.jobs())).append(")\n");
        }
        b.append("  local_tags: ").append(RulesInit.flow(localTags)).append('\n');
        for (OtherRunner r : otherRunners) {
            b.append("  other runner ").append(RulesInit.flow(r.tags())).append(": ").append(r.reason()).append('\n');
        }
        b.append("  require_pinned_services: ").append(requirePinnedServices).append(" (").append(pinReason)
                .append(")\n");
        notes.forEach(n -> b.append("  note: ").append(n).append('\n'));
        return b.toString();
    }
}
