package dev.spotlane.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Wildcard#matches(String)} skips the automaton for patterns of literals and {@code *} (no {@code **} in a
 * path): it must answer as the automaton does, on every pattern and text. Property-style, fixed seeds.
 */
class WildcardFastPathTest {

    @Test
    void namePatternsMatchAsTheAutomatonDoes() {
        Random random = new Random(1414);
        int direct = 0;
        for (int i = 0; i < 50_000; i++) {
            String glob = random(random, i % 10 == 0 ? "ab*?/" : "ab*", random.nextInt(9));
            String text = random(random, i % 7 == 0 ? "abc/" : "ab", random.nextInt(12));
            Wildcard w = Wildcard.of(glob);
            direct += w.direct() ? 1 : 0;
            assertEquals(w.matches(text, new long[1]), w.matches(text), "\"" + glob + "\" on \"" + text + "\"");
        }
        assertTrue(direct > 40_000, "patterns on the direct path: " + direct);
    }

    @Test
    void pathPatternsMatchAsTheAutomatonDoes() {
        Random random = new Random(1515);
        int direct = 0;
        for (int i = 0; i < 50_000; i++) {
            String glob = random(random, i % 10 == 0 ? "ab/*?" : "ab/*", random.nextInt(10));
            String text = random(random, "ab/", random.nextInt(12));
            Wildcard w = Wildcard.path(glob);
            direct += w.direct() ? 1 : 0;
            assertEquals(w.matches(text, new long[1]), w.matches(text), "\"" + glob + "\" on \"" + text + "\"");
        }
        assertTrue(direct > 20_000, "patterns on the direct path: " + direct);
    }

    @Test
    void longerRealisticPatterns() {
        Random random = new Random(1616);
        String[] words = {"test", "build", "deploy", "-", ":", "/", ".yml", "linux", "arm", "*", "*", "a"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder glob = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                glob.append(words[random.nextInt(words.length)]);
            }
            for (int k = random.nextInt(8); k >= 0; k--) {
                String w = words[random.nextInt(words.length)];
                text.append(w.equals("*") ? "x" : w);
            }
            for (Wildcard w : new Wildcard[] {Wildcard.of(glob.toString()), Wildcard.path(glob.toString())}) {
                assertEquals(w.matches(text.toString(), new long[1]), w.matches(text.toString()),
                        "\"" + glob + "\" on \"" + text + "\"");
            }
        }
    }

    @Test
    void examples() {
        assertTrue(Wildcard.of("").matches(""));
        assertFalse(Wildcard.of("").matches("a"));
        assertTrue(Wildcard.of("build").matches("build"));
        assertFalse(Wildcard.of("build").matches("builds"));
        assertTrue(Wildcard.of("*").matches(""));
        assertTrue(Wildcard.of("a*a").matches("aa"));
        assertFalse(Wildcard.of("a*a").matches("a"));
        assertTrue(Wildcard.of("*integration-test*").matches("rspec integration-test 1/4"));
        assertTrue(Wildcard.of("a*b*a").matches("abba"));
        assertFalse(Wildcard.of("a*b*b*a").matches("aba"));
        assertTrue(Wildcard.of("test:*/*").matches("test:a/b/c"));
        assertTrue(Wildcard.path("ci/*.yml").matches("ci/a.yml"));
        assertFalse(Wildcard.path("ci/*.yml").matches("ci/x/a.yml"));
        assertTrue(Wildcard.path("*/*").matches("/"));
        assertFalse(Wildcard.path("*").matches("a/"));
        assertTrue(Wildcard.path("ci/").matches("ci/"));
        assertTrue(Wildcard.path("ci/*").direct());
        assertFalse(Wildcard.path("ci/**.yml").direct());
        assertFalse(Wildcard.of("build?").direct());
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
