package dev.spotlane.report;

/** A small JSON writer: enough for spotlane's reports without a JSON library on the start-up path. */
public final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean needComma;

    public Json beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    public Json endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    public Json endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Writes a key; the next call writes its value. */
    public Json name(String name) {
        comma();
        quote(name);
        out.append(':');
        needComma = false;
        return this;
    }

    public Json value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        needComma = true;
        return this;
    }

    public Json value(long value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    public Json value(boolean value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /** Writes a pre-formatted JSON value (a number) as is. */
    public Json raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        return name(name).value(value);
    }

    public Json field(String name, boolean value) {
        return name(name).value(value);
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
