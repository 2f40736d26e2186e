package dev.spotlane.yaml;

/**
 * A place in a text file as a person reads it: 1-based line and 1-based column, the column counted in Unicode
 * code points (so an emoji is one column, as in an editor).
 */
public record Position(int line, int column) implements Comparable<Position> {
    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("position is 1-based, got " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(Position o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
