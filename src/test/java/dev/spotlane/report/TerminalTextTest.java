package dev.spotlane.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TerminalText}: what is escaped, and the quick return for text that needs nothing. */
class TerminalTextTest {

    @Test
    void escapesControlsLineBreaksAndBidiOverrides() {
        assertNull(TerminalText.escape(null));
        assertEquals("a\\nb\\r\\e[31m\tc", TerminalText.escape("a\nb\r\u001b[31m\tc"));
        assertEquals("x\\u007F\\u0085\\u2028\\u202E\\u2066\\u200F\\u061C\\u0000", TerminalText.escape(
                "x\u007f\u0085\u2028\u202e\u2066\u200f\u061c\u0000"));
        assertEquals("caf\u00e9 \ud83d\ude80 \u00a0", TerminalText.escape("caf\u00e9 \ud83d\ude80 \u00a0"));
        assertEquals("\ud83d\ude80\\n", TerminalText.escape("\ud83d\ude80\n"));
        assertEquals("\ud800\\n\udc00", TerminalText.escape("\ud800\n\udc00"));
    }

    @Test
    void plainTextComesBackAsItIs() {
        String plain = "job \"build\" has no tags [routing-drift] ~!@#$%^&*()_+{}|:<>?";
        assertSame(plain, TerminalText.escape(plain));
        assertSame("", TerminalText.escape(""));
        String tab = "a\tb";
        assertSame(tab, TerminalText.escape(tab));
    }

    @Test
    void escapesAsCodePointByCodePointOnRandomText() {
        Random random = new Random(4);
        char[] alphabet = {'a', ' ', '~', '\t', '\n', '\r', 0x1b, 0x00, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0xe9, 0x061c,
            0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0x20ac, 0xd83d, 0xde80, 0xd800};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) {
                b.append(random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'x');
            }
            String s = b.toString();
            assertEquals(reference(s), TerminalText.escape(s), s);
        }
    }

    @Test
    void longLinesAreCutAtTheLimitInCodePoints() {
        String exact = "a".repeat(TerminalText.MAX_MESSAGE);
        assertSame(exact, TerminalText.line(exact));
        assertEquals("a".repeat(TerminalText.MAX_MESSAGE) + "… (cut at 1000 characters)",
                TerminalText.line(exact + "b"));
        String wide = "\ud83d\ude80".repeat(TerminalText.MAX_MESSAGE);
        assertEquals(wide, TerminalText.line(wide));
        assertEquals(wide + "… (cut at 1000 characters)", TerminalText.line(wide + "x"));
    }

    /** Code point by code point, as the class comment says: the escape of each one or the code point itself. */
    private static String reference(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == 0x1b) {
                b.append("\\e");
            } else if (c != '\t' && (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029
                    || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f
                    || c == 0x061c)) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
