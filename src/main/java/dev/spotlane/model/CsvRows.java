package dev.spotlane.model;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 rows of a job-history export: quoted fields may hold commas, quotes ({@code ""}) and line breaks.
 * Shared by {@code spotlane usage --input} and {@code spotlane simulate --jobs}.
 */
public final class CsvRows {
    private final String name;
    private final String text;
    private int pos;
    private int line = 1;
    private int rowLine;

    public CsvRows(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** The 1-based line the last row returned starts on. */
    public int rowLine() {
        return rowLine;
    }

    /** The next row's fields, or null at the end. */
    public List<String> next() {
        if (pos >= text.length()) {
            return null;
        }
        rowLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (quoted) {
                if (c == '"') {
                    if (pos < text.length() && text.charAt(pos) == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new Malformed(name + ":" + line + ": text after a closing quote; a quote"
                        + " inside a quoted field is written \"\"");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new Malformed(name + ":" + rowLine + ": a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }

    /** A row that is not valid CSV: the message names the file and line. */
    public static final class Malformed extends RuntimeException {
        public Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
