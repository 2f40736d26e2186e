package dev.spotlane.gitlab;

import java.util.Objects;

/**
 * The API token: kept out of {@link #toString()} and scrubbed from any text that leaves the gitlab package (error
 * messages from GitLab or the HTTP client could echo it back).
 */
public final class Secret {
    static final String MASK = "[masked]";
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the token is empty");
        }
    }

    String value() {
        return value;
    }

    /** Tokens at least this long are masked wherever they occur, even inside a longer word. */
    static final int MIN_SUBSTRING_LENGTH = 8;

    /**
     * The text with the token replaced by {@value #MASK}: every occurrence for a token of
     * {@value #MIN_SUBSTRING_LENGTH} characters or more, only whole-token occurrences (not next to a letter, digit,
     * {@code _} or {@code -}) for a shorter one, so a test token {@code "a"} does not mask the a of every word.
     */
    public String scrub(String text) {
        if (text == null) {
            return "";
        }
        if (value.length() >= MIN_SUBSTRING_LENGTH) {
            return text.replace(value, MASK);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
            int end = i + value.length();
            if (i < from || !boundary(text, i - 1) || !boundary(text, end)) {
                continue;
            }
            out.append(text, from, i).append(MASK);
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean boundary(String text, int at) {
        if (at < 0 || at >= text.length()) {
            return true;
        }
        char c = text.charAt(at);
        return !(Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    @Override
    public String toString() {
        return MASK;
    }
}
