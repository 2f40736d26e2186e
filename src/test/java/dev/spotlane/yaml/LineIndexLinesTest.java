package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LineIndex#line}: the source lines the text report quotes (and the editor and suppressions read), as
 * {@code split("\r\n|\r|\n", -1)} gives them.
 */
class LineIndexLinesTest {

    private static String[] lines(String text) {
        LineIndex index = new LineIndex(text);
        String[] out = new String[index.lineCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.line(i);
        }
        return out;
    }

    @Test
    void splitsAsTheLineBreakPatternDoes() {
        assertArrayEquals(new String[] {""}, lines(""));
        assertArrayEquals(new String[] {"a", "b", ""}, lines("a\r\nb\n"));
        assertArrayEquals(new String[] {"", "", "a", "", "b"}, lines("\r\n\ra\n\rb"));
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                b.append("ab\r\n\u2028".charAt(random.nextInt(5)));
            }
            String text = b.toString();
            assertArrayEquals(text.split("\r\n|\r|\n", -1), lines(text), text);
        }
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() {
        assertArrayEquals(new String[] {"a", "b"}, lines("\uFEFFa\nb"));
    }
}
