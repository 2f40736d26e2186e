package dev.spotlane.fleet;

import java.util.List;
import java.util.stream.Collectors;

/** TOML literals for hand-laid-out files (tables and comments where a person expects them). */
public final class Toml {
    private Toml() {
    }

    /** A basic string with TOML escapes. */
    public static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String array(List<String> values) {
        return values.stream().map(Toml::str).collect(Collectors.joining(", ", "[", "]"));
    }
}
