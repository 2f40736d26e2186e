package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Variables#expand}: the Runner's {@code $VAR} and {@code ${VAR}} in image names, unknown ones left as
 * written, values expanded in turn up to ten rounds. The scan is written out (no regular expression); it must give
 * what the pattern {@code \$(?:\{([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))} with {@code appendReplacement} gave.
 */
class VariablesTest {
    private static final Pattern REF = Pattern.compile("\\$(?:\\{([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    @Test
    void knownVariablesInBothSpellings() {
        Map<String, String> v = Map.of("IMAGE", "alpine", "TAG", "3.20", "REG", "registry.example.com:5000");
        assertEquals("registry.example.com:5000/alpine:3.20", Variables.expand("$REG/${IMAGE}:$TAG", v));
        assertEquals("alpine-3.20x", Variables.expand("${IMAGE}-${TAG}x", v));
        assertEquals("alpine_x", Variables.expand("${IMAGE}_x", v));
        assertEquals("$IMAGE_x", Variables.expand("$IMAGE_x", v), "a name runs over letters, digits and _");
    }

    @Test
    void edgeCasesStayAsWritten() {
        Map<String, String> v = Map.of("A", "a", "B", "$A$A");
        String plain = "docker.io/library/alpine:3.20";
        assertSame(plain, Variables.expand(plain, v), "no '$': the text itself");
        String unknown = "$UNKNOWN/${ALSO_UNKNOWN}:$1";
        assertEquals(unknown, Variables.expand(unknown, v));
        assertEquals("$a", Variables.expand("$$A", v), "$$ is no escape here: the second $ starts $A");
        assertEquals("${}", Variables.expand("${}", v));
        assertEquals("x", Variables.expand("${}", Map.of("", "x")), "an empty braced name is looked up as such");
        assertEquals("${A", Variables.expand("${A", v), "no closing brace: no reference");
        assertEquals("${A:a", Variables.expand("${A:$A", v));
        assertEquals("$", Variables.expand("$", v));
        assertEquals("$-a$", Variables.expand("$-$A$", v));
        assertEquals("${A}}", Variables.expand("${A}}", Map.of()));
        assertEquals("a}", Variables.expand("${A}}", v));
        assertEquals("v", Variables.expand("${A B}", Map.of("A B", "v")), "braces take any text up to '}'");
        assertEquals("a\\$1", Variables.expand("$C", Map.of("C", "a\\$1")), "values are literal");
    }

    @Test
    void valuesAreExpandedInTurnUpToTenRounds() {
        assertEquals("aa", Variables.expand("$B", Map.of("A", "a", "B", "$A$A")));
        Map<String, String> chain = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            chain.put("V" + i, "$V" + (i + 1));
        }
        assertEquals("$V10", Variables.expand("$V0", chain), "ten rounds, then left as it is");
        assertEquals("$X", Variables.expand("$X", Map.of("X", "$X")), "a variable naming itself ends");
        assertEquals("$L".repeat(1 << 10), Variables.expand("$L", Map.of("L", "$L$L")),
                "doubling is bounded by the rounds");
    }

    @Test
    void matchesTheRegularExpressionOnRandomText() {
        Random random = new Random(55);
        String alphabet = "$${}}AB_1a-:/";
        for (int i = 0; i < 30_000; i++) {
            Map<String, String> known = new LinkedHashMap<>();
            for (String name : List.of("A", "B", "AB", "A_1", "_", "", "a", "1", "A}", "B$A")) {
                if (random.nextInt(3) == 0) {
                    known.put(name, random(random, alphabet, random.nextInt(5)));
                }
            }
            String text = random(random, alphabet, random.nextInt(12));
            assertEquals(reference(text, known), Variables.expand(text, known), text + " with " + known);
        }
    }

    @Test
    void referencedNamesInOrder() {
        assertEquals(List.of(), Variables.referenced("alpine:3.20"));
        assertEquals(List.of("inputs.image", "TAG", "REG"),
                Variables.referenced("$TAG/$REG/$[[ inputs.image ]]:${TAG}$REG"));
        assertEquals(List.of("A", ""), Variables.referenced("$A${}$$A"));
    }

    /** The expansion as it was written with the pattern. */
    private static String reference(String text, Map<String, String> known) {
        String current = text;
        for (int round = 0; round < 10 && current.indexOf('$') >= 0; round++) {
            Matcher m = REF.matcher(current);
            StringBuilder b = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = known.get(name);
                changed |= value != null;
                m.appendReplacement(b, Matcher.quoteReplacement(value != null ? value : m.group()));
            }
            m.appendTail(b);
            current = b.toString();
            if (!changed) {
                break;
            }
        }
        return current;
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
