package dev.spotlane.lint;

import java.util.Locale;

/** How much a finding matters; {@code --fail-on} and the rules file's {@code lint.checks} speak in these. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as serious as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses {@code error|warning|info}; null for anything else. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
