package dev.spotlane.fleet.sim;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the runner's {@code config.toml} writes them ({@code 20m}, {@code 20m0s}, {@code 1h30m},
 * {@code 90s}, {@code 14d}), held as milliseconds.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

    private Durations() {
    }

    /**
     * Parses {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 20m0s}, {@code 14d}, {@code 1.5h}.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not a duration
     */
    public static long parseMillis(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(s);
        int at = 0;
        double total = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            total += n * switch (m.group(2)) {
                case "d" -> 86_400_000d;
                case "h" -> 3_600_000d;
                case "m" -> 60_000d;
                case "s" -> 1_000d;
                default -> 1d;
            };
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; expected e.g. 90s, 5m, 1h30m");
        }
        if (total > 366 * 86_400_000d) {
            throw new IllegalArgumentException("\"" + text + "\" is too long; at most 366d");
        }
        return Math.round(total);
    }

    /** A short form: {@code 5m}, {@code 1h30m}, {@code 90s}, {@code 1.5s}, {@code 0s}. */
    public static String format(long millis) {
        if (millis % 1000 != 0) {
            return trim(String.format(Locale.ROOT, "%.3f", millis / 1000d)) + "s";
        }
        long s = millis / 1000;
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long d = s / 86_400;
        long h = s % 86_400 / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        if (d > 0) {
            b.append(d).append('d');
        }
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0) {
            b.append(sec).append('s');
        }
        return b.toString();
    }

    /** Seconds, rounded: {@code 85s}; one decimal below ten seconds. */
    public static String seconds(long millis) {
        if (millis != 0 && Math.abs(millis) < 10_000) {
            return trim(String.format(Locale.ROOT, "%.1f", millis / 1000d)) + "s";
        }
        return Math.round(millis / 1000d) + "s";
    }

    private static String trim(String decimal) {
        String s = decimal.contains(".") ? decimal.replaceAll("0+$", "") : decimal;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
