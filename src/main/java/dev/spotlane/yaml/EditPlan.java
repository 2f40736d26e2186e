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

    /** A plan built one part at a time: each part is checked against the others in O(log n), sorted once. */
    public static final class Builder {
        /** Edits by (start, end), each key's edits in the order added. */
        private final java.util.TreeMap<Long, List<TextEdit>> bySpan = new java.util.TreeMap<>();

        private static long key(Span s) {
            return ((long) s.start() << 32) | s.end();
        }

        /**
         * Adds every edit of {@code part}, or none.
         *
         * @throws IllegalArgumentException when an edit overlaps one already added (as {@link EditPlan#of})
         */
        public Builder add(EditPlan part) {
            for (int i = 0; i < part.edits.size(); i++) {
                TextEdit e = part.edits.get(i);
                java.util.Map.Entry<Long, List<TextEdit>> before = bySpan.floorEntry(key(e.span()));
                java.util.Map.Entry<Long, List<TextEdit>> after = bySpan.higherEntry(key(e.span()));
                Span a = before == null ? null : before.getValue().get(before.getValue().size() - 1).span();
                Span b = after == null ? null : after.getValue().get(0).span();
                if (a != null && e.span().start() < a.end()) {
                    throw new IllegalArgumentException("overlapping edits at " + a + " and " + e.span());
                }
                if (b != null && b.start() < e.span().end()) {
                    throw new IllegalArgumentException("overlapping edits at " + e.span() + " and " + b);
                }
                // the part's own edits do not overlap each other: checking each against those added is enough
            }
            for (TextEdit e : part.edits) {
                bySpan.computeIfAbsent(key(e.span()), k -> new ArrayList<>(1)).add(e);
            }
            return this;
        }

        public EditPlan build() {
            List<TextEdit> all = new ArrayList<>();
            bySpan.values().forEach(all::addAll);
            return all.isEmpty() ? EMPTY : new EditPlan(List.copyOf(all));
        }
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
        // front to back into a new buffer: replacing in place moved the rest of the text once per edit
        StringBuilder out = new StringBuilder(original.length() + 64 * edits.size());
        int at = 0;
        for (TextEdit e : edits) {
            out.append(original, at, e.span().start()).append(e.replacement());
            at = e.span().end();
        }
        return out.append(original, at, original.length()).toString();
    }

    @Override
    public String toString() {
        return "EditPlan" + edits;
    }
}
