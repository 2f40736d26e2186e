package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors and exceeded limits come back as values: file name, the problem's line:column, a lowercase message. */
class YamlParseErrorTest {

    private static YamlError error(String text) {
        ParseResult r = new YamlParser().parse("ci/bad.yml", text);
        assertFalse(r.ok(), () -> "expected an error for " + YamlTestSupport.show(text));
        assertNull(r.file());
        YamlError e = r.error();
        assertEquals("ci/bad.yml", e.file());
        assertTrue(!e.message().isEmpty() && !Character.isUpperCase(e.message().charAt(0)),
                "message should start lowercase: " + e.message());
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nested mapping on one line      | a: b: c\\n                           | 1:5 | mapping values are not
            key indented too far            | job:\\n  image: x\\n    script: y\\n | 3:5 | expected <block end>
            key dedented into nowhere       | job:\\n    image: x\\n  script: y\\n | 3:3 | expected <block end>
            unclosed double quote           | a: "abc\\nb: c\\n                    | 3:1 | found unexpected end
            unclosed single quote           | a: 'abc\\nb: c\\n                    | 3:1 | found unexpected end
            tab indentation                 | job:\\n\\timage: x\\n                | 2:1 | found character '\\t(TAB)'
            unclosed flow sequence          | a: [1, 2\\nb: 3\\n                   | 2:2 | expected ',' or ']'
            control character               | a: \\u0001\\n                        | 1:4 | special character U+0001
            error after supplementary chars | 🎉: 𝄞: x\\n                           | 1:5 | mapping values are not
            error after a byte order mark   | \\uFEFFa: b: c\\n                    | 1:5 | mapping values are not
            error on a CRLF line            | x: 1\\r\\na: b: c\\r\\n              | 2:5 | mapping values are not
            """)
    void syntaxErrorsArePositionedAtTheProblem(String what, String text, String position, String message) {
        YamlError e = error(unescape(text.strip()));
        assertEquals(position, e.position().toString(), what + ": position of " + e);
        assertTrue(e.message().startsWith(message), what + ": message was \"" + e.message() + "\"");
        assertEquals("ci/bad.yml:" + position + ": " + e.message(), e.toString());
    }

    /** The test table writes {@code \n}, {@code \r}, {@code \t} and {@code \\uXXXX} as escapes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    @Test
    void theErrorNamesTheContextWhereTheParserGivesOne() {
        YamlError e = error("job:\n  image: x\n    script: y\n");
        assertTrue(e.message().contains("(while parsing a block mapping at 2:3)"), e.message());
        assertEquals(e.position(), new LineIndex("job:\n  image: x\n    script: y\n").position(e.offset()),
                "offset and position must agree");
    }

    @Test
    void anUndefinedAliasIsAnError() {
        YamlError e = error("a: 1\nb: *nope\n");
        assertEquals(new Position(2, 4), e.position());
        assertEquals("found undefined alias \"nope\"", e.message());
    }

    @Test
    void anAliasInsideItsOwnAnchorIsUndefined() {
        YamlError e = error("a: &a [*a]\n");
        assertTrue(e.message().contains("undefined alias \"a\""), e.message());
    }

    @Test
    void anchorsDoNotCrossDocuments() {
        YamlError e = error("a: &x 1\n---\nb: *x\n");
        assertEquals(new Position(3, 4), e.position());
    }

    /** Nine levels, each a list of nine aliases to the level below: 9^9 nodes once expanded. */
    @Test
    void anAliasBombIsRefusedWithTheLimitInTheMessage() {
        StringBuilder b = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            b.append("l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            b.append("]\n");
        }
        YamlError e = error(b.toString());
        assertTrue(e.message().contains(String.valueOf(YamlLimits.DEFAULT.maxExpandedNodes())),
                "the message should state the limit: " + e.message());
        assertTrue(e.position().line() > 1 && e.position().line() <= 10, "at the alias that crossed it: " + e);
    }

    @Test
    void theAliasLimitIsTheConfiguredOne() {
        YamlParser strict = new YamlParser(new YamlLimits(3, 1_000_000, 200, 1_000_000));
        String text = "a: &a {x: 1}\nb: *a\nc: *a\nd: *a\ne: *a\n";
        ParseResult r = strict.parse("s.yml", text);
        assertFalse(r.ok());
        assertEquals(new Position(5, 4), r.error().position());
        assertTrue(r.error().message().contains("3"), r.error().message());
        assertTrue(new YamlParser().parse("s.yml", text).ok());
    }

    @Test
    void manyAliasesToCollectionsAreFine() {
        // snakeyaml-engine's own default would refuse more than 50
        StringBuilder b = new StringBuilder(".base: &base\n  tags: [docker]\n  script: &s [make]\n");
        for (int i = 0; i < 200; i++) {
            b.append("job").append(i).append(":\n  <<: *base\n  script: *s\n");
        }
        ParseResult r = new YamlParser().parse("many.yml", b.toString());
        assertTrue(r.ok(), () -> "400 aliases to collections must parse: " + r.error());
        YamlMapping root = (YamlMapping) r.file().documents().get(0).root();
        assertEquals(201, root.entries().size());
        assertEquals(Map.of("tags", List.of("docker"), "script", List.of("make")),
                PlainValues.of(root.get("job199")));
    }

    @Test
    void nestingDeeperThanTheLimitIsAnError() {
        int limit = YamlLimits.DEFAULT.maxDepth();
        String flow = "[".repeat(limit + 1) + "]".repeat(limit + 1) + "\n";
        YamlError e = error(flow);
        assertTrue(e.message().contains(String.valueOf(limit)), e.message());
        assertEquals(new Position(1, limit + 1), e.position());

        StringBuilder block = new StringBuilder();
        for (int i = 0; i <= limit; i++) {
            block.append(" ".repeat(i)).append('k').append(i).append(":\n");
        }
        YamlError b = error(block.toString());
        assertEquals(new Position(limit + 1, limit + 1), b.position(), "at the first mapping too deep: " + b);

        String atLimit = "[".repeat(limit) + "]".repeat(limit) + "\n";
        assertTrue(new YamlParser().parse("ok.yml", atLimit).ok(), "exactly the limit is allowed");
    }

    @Test
    void aFileOverTheCodePointLimitIsAnError() {
        YamlParser small = new YamlParser(new YamlLimits(10, 1000, 10, 100));
        ParseResult r = small.parse("big.yml", "a: " + "🎉".repeat(200) + "\n");
        assertFalse(r.ok());
        assertTrue(r.error().message().contains("100"), r.error().message());
        assertEquals("file holds 204 characters, more than the limit of 100", r.error().message());
        assertTrue(small.parse("fits.yml", "a: " + "🎉".repeat(40) + "\n").ok(), "80 chars, 44 code points fit");
    }

    @Test
    void orElseThrowCarriesTheError() {
        ParseResult r = new YamlParser().parse("x.yml", "a: b: c\n");
        YamlException ex = assertThrows(YamlException.class, r::orElseThrow);
        assertSame(r.error(), ex.error());
        assertEquals("x.yml:1:5: mapping values are not allowed here", ex.getMessage());
    }

    @Test
    void validEdgeCasesAreNotErrors() {
        for (String text : List.of("", "# only a comment\n", "---\n", "a: &x 1\nb: &x 2\nc: *x\n", "a: 1\na: 2\n",
                "\uFEFF", "key: value", "a: 1\r\n")) {
            ParseResult r = new YamlParser().parse("ok.yml", text);
            assertTrue(r.ok(), () -> YamlTestSupport.show(text) + " should parse: " + r.error());
        }
        YamlFile f = new YamlParser().parse("ok.yml", "a: &x 1\nb: &x 2\nc: *x\n").orElseThrow();
        assertEquals("2", ((YamlMapping) f.documents().get(0).root()).get("c").scalarValue(),
                "an alias refers to the latest anchor of that name");
    }
}
