package dev.spotlane.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/** A job, stage or parent name pattern: a glob ({@code *}, {@code ?}) or a {@code /regular expression/}. */
public record NamePattern(String text, Pattern regex) {
    public NamePattern {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(regex, "regex");
    }

    /** @throws IllegalArgumentException for a regular expression that does not compile, with the reason */
    public static NamePattern of(String text) {
        if (text.length() >= 2 && text.startsWith("/") && text.endsWith("/")) {
            return new NamePattern(text, Pattern.compile(text.substring(1, text.length() - 1)));
        }
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return new NamePattern(text, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** Globs match the whole name; regular expressions match anywhere in it (anchor them to be strict). */
    public boolean matches(String name) {
        boolean isRegex = text.length() >= 2 && text.startsWith("/") && text.endsWith("/");
        return isRegex ? regex.matcher(name).find() : regex.matcher(name).matches();
    }

    /** Patterns are equal when written alike ({@link Pattern} itself has identity equality). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NamePattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
