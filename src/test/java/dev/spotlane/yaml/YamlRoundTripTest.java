package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The round-trip fixtures under {@code golden/roundtrip}: each parses, an empty edit gives back the same text, the
 * text read from the bytes writes back to the same bytes, and every span the parser reports slices what was written.
 */
class YamlRoundTripTest {

    static Stream<Path> fixtures() throws IOException {
        return YamlTestSupport.roundTripFixtures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesAndPrintsBackByteForByte(Path fixture) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture);
        Source source = Source.read(fixture, fixture.getFileName().toString());
        assertArrayEquals(bytes, source.text().getBytes(StandardCharsets.UTF_8),
                "Source.read + UTF-8 encoding of text() changed the bytes of " + fixture);
        YamlFile file = YamlTestSupport.parse(source);
        assertSame(source.text(), EditPlan.EMPTY.apply(file.text()), "an empty plan must return the text itself");
        assertArrayEquals(bytes, EditPlan.EMPTY.apply(file.text()).getBytes(StandardCharsets.UTF_8),
                "an empty plan changed the bytes of " + fixture);
        assertTrue(!file.documents().isEmpty(), "no documents read from " + fixture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void spansSliceWhatWasWritten(Path fixture) throws IOException {
        YamlFile file = YamlTestSupport.parse(Source.read(fixture, fixture.getFileName().toString()));
        String text = file.text();
        for (Comment c : file.comments()) {
            assertEquals("#" + c.text(), file.text(c.span()), "comment span at " + file.position(c.span().start()));
            assertTrue(c.text().indexOf('\n') < 0 && c.text().indexOf('\r') < 0,
                    "a comment runs to the end of its line, not past it: " + YamlTestSupport.show(c.text()));
        }
        Deque<YamlNode> todo = new ArrayDeque<>();
        file.documents().stream().filter(d -> d.root() != null).forEach(d -> todo.push(d.root()));
        int nodes = 0;
        while (!todo.isEmpty()) {
            YamlNode n = todo.pop();
            nodes++;
            String where = fixture.getFileName() + ":" + file.position(n);
            String written = file.text(n.span());
            String value = file.text(n.valueSpan());
            assertTrue(n.span().encloses(n.valueSpan()), where + ": value span " + n.valueSpan()
                    + " lies outside span " + n.span());
            assertTrue(n.span().end() <= text.length(), where + ": span beyond the text");
            if (n.anchor() != null) {
                assertTrue(written.startsWith("&" + n.anchor()) || written.startsWith("!"),
                        where + ": anchored node's span should start at its properties, was " + YamlTestSupport.show(
                                written));
            }
            if (n.tag() != null && n.tag().startsWith("!") && !n.tag().startsWith("!!")) {
                assertTrue(written.contains(n.tag()), where + ": span " + YamlTestSupport.show(written)
                        + " should hold the tag " + n.tag());
            }
            if (n.anchor() != null || n.tag() != null) {
                assertTrue(!value.startsWith("&") && !value.startsWith("!"),
                        where + ": value span still holds properties: " + YamlTestSupport.show(value));
            }
            if (n instanceof YamlScalar s) {
                checkScalar(where, s, value);
            } else if (n instanceof YamlAlias a) {
                assertEquals("*" + a.name(), written, where + ": alias span");
            } else if (n instanceof YamlMapping m) {
                if (m.flow()) {
                    assertTrue(value.startsWith("{") && value.endsWith("}"),
                            where + ": flow mapping value span " + YamlTestSupport.show(value));
                }
                for (YamlEntry e : m.entries()) {
                    assertTrue(m.span().encloses(e.key().span()) && m.span().encloses(e.value().span()),
                            where + ": an entry lies outside its mapping's span");
                    todo.push(e.key());
                    todo.push(e.value());
                }
            } else if (n instanceof YamlSequence q) {
                if (q.flow()) {
                    assertTrue(value.startsWith("[") && value.endsWith("]"),
                            where + ": flow sequence value span " + YamlTestSupport.show(value));
                }
                for (YamlNode item : q.items()) {
                    assertTrue(q.span().encloses(item.span()), where + ": an item lies outside its sequence");
                    todo.push(item);
                }
            }
        }
        assertTrue(nodes > 0, "no nodes in " + fixture);
    }

    private static void checkScalar(String where, YamlScalar s, String value) {
        switch (s.style()) {
            case DOUBLE_QUOTED -> assertTrue(value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""),
                    where + ": double-quoted value span " + YamlTestSupport.show(value));
            case SINGLE_QUOTED -> assertTrue(value.length() >= 2 && value.startsWith("'") && value.endsWith("'"),
                    where + ": single-quoted value span " + YamlTestSupport.show(value));
            case LITERAL, FOLDED -> assertTrue(value.startsWith(s.style() == ScalarStyle.LITERAL ? "|" : ">"),
                    where + ": block scalar value span " + YamlTestSupport.show(value));
            case PLAIN -> {
                if (s.value().indexOf('\n') < 0) {
                    assertEquals(s.value(), value, where + ": plain scalar value span");
                }
            }
        }
    }

    @Test
    void fixturesCoverTheByteLevelCases() throws IOException {
        boolean crlf = false;
        boolean bom = false;
        boolean noFinalBreak = false;
        boolean nonBmp = false;
        for (Path p : YamlTestSupport.roundTripFixtures()) {
            byte[] b = Files.readAllBytes(p);
            String s = new String(b, StandardCharsets.UTF_8);
            crlf |= s.contains("\r\n");
            bom |= b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
            noFinalBreak |= !s.endsWith("\n");
            nonBmp |= s.codePoints().anyMatch(Character::isSupplementaryCodePoint);
        }
        assertEquals(List.of(true, true, true, true), List.of(crlf, bom, noFinalBreak, nonBmp),
                "fixtures must include [CRLF, BOM, no final line break, non-BMP characters]; git may have converted"
                        + " line endings (see golden/.gitattributes)");
    }
}
