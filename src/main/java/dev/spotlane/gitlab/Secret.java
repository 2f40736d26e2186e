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

    /** The text with every occurrence of the token replaced by {@value #MASK}. */
    public String scrub(String text) {
        return text == null ? "" : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
