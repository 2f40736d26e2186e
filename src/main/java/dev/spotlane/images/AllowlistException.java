package dev.spotlane.images;

import java.util.List;

/** An allowlist file with malformed lines: every problem as {@code path:line:col: message}. */
public final class AllowlistException extends Exception {
    private final transient List<String> problems;

    public AllowlistException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
