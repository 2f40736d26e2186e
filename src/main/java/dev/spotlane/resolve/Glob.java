package dev.spotlane.resolve;

import java.util.regex.Pattern;

/**
 * GitLab's wildcards for {@code include:local}: {@code *} matches within one directory, {@code **} matches across
 * directories, so {@code configs/*.yml} is that directory only, {@code configs/**.yml} that directory and all below
 * it, and {@code configs/**}{@code /*.yml} the directories below it only.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean isGlob(String path) {
        return path.indexOf('*') >= 0;
    }

    public static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:[^/]+/)+");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
