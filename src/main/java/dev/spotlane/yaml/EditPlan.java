package dev.spotlane.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A set of non-overlapping {@link TextEdit}s against one original text. Every span refers to the original text, so
 * the plan is applied back to front: no edit moves another. Two insertions at the same offset keep plan order.
 */
public final class EditPlan {
    public static final EditPlan EMPTY = new EditPlan(List.of());

    private final List<TextEdit> edits;

    private EditPlan(List<TextEdit> sorted) {
        this.edits = sorted;
    }

    /**
     * A plan of these edits.
     *
     * @throws IllegalArgumentException when two edits overlap (share a character, or one inserts strictly inside
     *                                  a range another replaces)
     */
    public static EditPlan of(Collection<TextEdit> edits) {
        Objects.requireNonNull(edits, "edits");
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.removeIf(e -> e.span().isEmpty() && e.replacement().isEmpty());
        sorted.sort(Comparator.comparingInt((TextEdit e) -> e.span().start())
                .thenComparingInt(e -> e.span().end()));
        for (int i = 1; i < sorted.size(); i++) {
            Span a = sorted.get(i - 1).span();
            Span b = sorted.get(i).span();
            if (b.start() < a.end()) {
                throw new IllegalArgumentException("overlapping edits at " + a + " and " + b);
            }
        }
        return new EditPlan(List.copyOf(sorted));
    }

    public static EditPlan of(TextEdit... edits) {
        return of(List.of(edits));
    }

    /** This plan and {@code other} together; overlapping edits are rejected as in {@link #of(Collection)}. */
    public EditPlan plus(EditPlan other) {
        List<TextEdit> all = new ArrayList<>(edits);
        all.addAll(other.edits);
        return of(all);
    }

    public List<TextEdit> edits() {
        return edits;
    }

    public boolean isEmpty() {
        return edits.isEmpty();
    }

    /** The text with every edit applied; an empty plan returns {@code original} itself. */
    public String apply(String original) {
        Objects.requireNonNull(original, "original");
        if (edits.isEmpty()) {
            return original;
        }
        TextEdit last = edits.get(edits.size() - 1);
        if (last.span().end() > original.length()) {
            throw new IllegalArgumentException("edit " + last.span() + " lies beyond the text (" + original.length()
                    + " chars)");
        }
        StringBuilder out = new StringBuilder(original);
        for (int i = edits.size() - 1; i >= 0; i--) {
            TextEdit e = edits.get(i);
            out.replace(e.span().start(), e.span().end(), e.replacement());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "EditPlan" + edits;
    }
}
