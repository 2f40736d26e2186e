package dev.spotlane.yaml;

/** A half-open range {@code [start, end)} of UTF-16 char offsets into a {@link Source}'s text. */
public record Span(int start, int end) implements Comparable<Span> {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** An empty span at {@code offset}: an insertion point. */
    public static Span at(int offset) {
        return new Span(offset, offset);
    }

    public int length() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    /** True when {@code offset} lies inside {@code [start, end)}. */
    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    /** True when {@code other} lies entirely inside this span. */
    public boolean encloses(Span other) {
        return other.start >= start && other.end <= end;
    }

    @Override
    public int compareTo(Span o) {
        return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
