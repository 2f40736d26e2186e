package dev.spotlane.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: wildcards from repository files match in linear time. The bound is counted in automaton steps; the
 * meaning is checked against the regular expressions the patterns used to be translated to, on random input.
 */
class HostileWildcardTest {

    @Test
    void backtrackingPatternsCostTextTimesPattern() {
        String name = "a".repeat(60);
        Wildcard route = Wildcard.of("*a".repeat(30) + "b");
        long[] steps = new long[1];
        assertFalse(route.matches(name, steps));
        assertTrue(steps[0] <= (long) name.length() * route.size(), "steps " + steps[0]);

        String path = "ci/" + "a".repeat(200) + ".yaml";
        Wildcard include = Wildcard.path("ci/" + "*a".repeat(40) + "*b.yml");
        steps[0] = 0;
        assertFalse(include.matches(path, steps));
        assertTrue(steps[0] <= (long) path.length() * include.size(), "steps " + steps[0]);
    }

    @Test
    void namesMatchAsTheirRegularExpressionsDid() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            String glob = random(random, "ab*?", 1 + random.nextInt(6));
            String text = random(random, "ab", random.nextInt(8));
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            assertEquals(Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches(),
                    Wildcard.of(glob).matches(text), glob + " on " + text);
        }
    }

    @Test
    void pathsMatchAsGitLabIncludeWildcards() {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            String glob = random(random, "ab/*?", 1 + random.nextInt(7));
            String text = random(random, "ab/", random.nextInt(8));
            assertEquals(pathRegex(glob).matcher(text).matches(), Wildcard.path(glob).matches(text),
                    glob + " on " + text);
        }
        assertTrue(Wildcard.path("configs/*.yml").matches("configs/a.yml"));
        assertFalse(Wildcard.path("configs/*.yml").matches("configs/sub/a.yml"));
        assertTrue(Wildcard.path("configs/**.yml").matches("configs/sub/a.yml"));
        assertTrue(Wildcard.path("configs/**/*.yml").matches("configs/sub/deeper/a.yml"));
        assertFalse(Wildcard.path("configs/**/*.yml").matches("configs/a.yml"));
    }

    /** The translation {@code resolve.Glob} used before (GitLab's include:local wildcard semantics). */
    private static Pattern pathRegex(String glob) {
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

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
