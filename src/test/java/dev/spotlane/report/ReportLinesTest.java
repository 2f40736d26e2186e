package dev.spotlane.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FindingsReport#lines}: the source lines the text report quotes, as {@code split("\r\n|\r|\n", -1)}. */
class ReportLinesTest {

    @Test
    void splitsAsTheLineBreakPatternDoes() {
        assertArrayEquals(new String[] {""}, FindingsReport.lines(""));
        assertArrayEquals(new String[] {"a", "b", ""}, FindingsReport.lines("a\r\nb\n"));
        assertArrayEquals(new String[] {"", "", "a", "", "b"}, FindingsReport.lines("\r\n\ra\n\rb"));
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                b.append("ab\r\n\u2028".charAt(random.nextInt(5)));
            }
            String text = b.toString();
            assertArrayEquals(text.split("\r\n|\r|\n", -1), FindingsReport.lines(text), text);
        }
    }
}
