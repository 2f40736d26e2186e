package dev.spotlane.yaml;

import java.util.Arrays;

/**
 * Converts between char offsets, snakeyaml-engine code point indexes and 1-based line/column positions of one
 * text. Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}, as in YAML.
 */
public final class LineIndex {
    private final String text;
    private final int[] lineStarts;
    /** code point index → char offset; null when the text has no supplementary characters (identity). */
    private final int[] charOffsetOfCodePoint;

    public LineIndex(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        // a byte order mark is not part of the first line's content: columns start after it
        starts[n++] = text.startsWith("\uFEFF") ? 1 : 0;
        // counting code points is free for a Latin-1 string and a tight library loop otherwise
        boolean surrogates = text.codePointCount(0, text.length()) != text.length();
        if (text.indexOf('\r') < 0) {
            // the usual case, \n only: let String.indexOf find the breaks rather than a loop over every char
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
        this.charOffsetOfCodePoint = surrogates ? codePointTable(text) : null;
    }

    private static int[] codePointTable(String text) {
        int count = text.codePointCount(0, text.length());
        int[] table = new int[count + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); cp++) {
            table[cp] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        table[count] = text.length();
        return table;
    }

    /** The char offset of a snakeyaml-engine mark index (which counts code points). */
    public int charOffset(int codePointIndex) {
        if (charOffsetOfCodePoint == null) {
            return Math.min(codePointIndex, text.length());
        }
        return charOffsetOfCodePoint[Math.min(codePointIndex, charOffsetOfCodePoint.length - 1)];
    }

    /** Number of lines (a final line without a break counts; an empty text has one line). */
    public int lineCount() {
        return lineStarts.length;
    }

    /** 0-based line number of a char offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** Char offset where the 0-based {@code line} starts. */
    public int lineStart(int line) {
        return lineStarts[line];
    }

    /** Char offset where the 0-based {@code line}'s content ends (before its line break). */
    public int lineEnd(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        while (end > lineStarts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /** The 0-based {@code line}'s content, without its line break (and without a byte order mark on the first). */
    public String line(int line) {
        return text.substring(lineStarts[line], lineEnd(line));
    }

    /** Char offset just after the 0-based {@code line}'s break (the next line's start, or the end of text). */
    public int nextLineStart(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    }

    /** The 1-based position of a char offset; the column counts code points. */
    public Position position(int offset) {
        int line = lineOf(offset);
        int start = lineStarts[line];
        int at = Math.max(start, Math.min(offset, text.length()));
        return new Position(line + 1, text.codePointCount(start, at) + 1);
    }

    /** Number of chars between the start of the line holding {@code offset} and {@code offset}. */
    public int indentOf(int offset) {
        return Math.max(0, offset - lineStarts[lineOf(offset)]);
    }
}
