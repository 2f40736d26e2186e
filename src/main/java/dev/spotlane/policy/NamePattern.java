package dev.spotlane.policy;

import com.google.re2j.Pattern;
import dev.spotlane.model.Wildcard;
import java.util.Objects;

/**
 * A job, stage or parent name pattern: a glob ({@code *}, {@code ?}) or a {@code /regular expression/}. Both match
 * in time linear in the name: globs with {@link Wildcard}, regular expressions with RE2/J, the RE2 semantics GitLab
 * uses for the patterns users write ({@code Gitlab::UntrustedRegexp}, which backs {@code rules:if} {@code =~}), so a
 * rules file from a merge request cannot make routing hang on {@code /(.*a){25}!x/}.
 *
 * @param text  the pattern as written
 * @param glob  the compiled glob, or null for a regular expression
 * @param regex the compiled regular expression, or null for a glob
 */
public record NamePattern(String text, Wildcard glob, Pattern regex) {
    public NamePattern {
        Objects.requireNonNull(text, "text");
        if ((glob == null) == (regex == null)) {
            throw new IllegalArgumentException("a glob or a regular expression");
        }
    }

    /**
     * @throws com.google.re2j.PatternSyntaxException for a regular expression that does not compile (RE2 syntax:
     *                                                no backreferences, no lookaround), with the reason
     */
    public static NamePattern of(String text) {
        if (isRegex(text)) {
            return new NamePattern(text, null, Pattern.compile(text.substring(1, text.length() - 1)));
        }
        return new NamePattern(text, Wildcard.of(text), null);
    }

    private static boolean isRegex(String text) {
        return text.length() >= 2 && text.startsWith("/") && text.endsWith("/");
    }

    /** Globs match the whole name; regular expressions match anywhere in it (anchor them to be strict). */
    public boolean matches(String name) {
        return glob != null ? glob.matches(name) : regex.matcher(name).find();
    }

    /** Patterns are equal when written alike. */
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
