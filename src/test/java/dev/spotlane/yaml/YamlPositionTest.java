package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Positions are 1-based lines and columns counted in code points; spans slice exactly what was written. */
class YamlPositionTest {

    private static YamlFile parse(String text) {
        return YamlTestSupport.parse("p.yml", text);
    }

    private static YamlMapping root(YamlFile file) {
        return (YamlMapping) file.documents().get(0).root();
    }

    private static YamlNode at(YamlFile file, String... path) {
        YamlNode n = root(file);
        for (String p : path) {
            n = n.resolved() instanceof YamlSequence s ? s.items().get(Integer.parseInt(p))
                    : ((YamlMapping) n.resolved()).get(p);
        }
        return n;
    }

    @Test
    void columnsCountCodePointsAfterSupplementaryCharactersOnTheSameLine() {
        // 🎉 and 𝄞 are two UTF-16 chars each but one column each
        YamlFile f = parse("🎉: {a: 𝄞, b: x}\nk𝄞: [🎉, y]\n");
        assertEquals(new Position(1, 1), f.position(root(f).entries().get(0).key()));
        assertEquals(new Position(1, 4), f.position(at(f, "🎉")), "flow mapping after one emoji");
        assertEquals(new Position(1, 8), f.position(at(f, "🎉", "a")), "value 𝄞");
        assertEquals(new Position(1, 14), f.position(at(f, "🎉", "b")), "value after 🎉 and 𝄞");
        assertEquals("x", f.text(at(f, "🎉", "b").valueSpan()));
        assertEquals(new Position(2, 5), f.position(at(f, "k𝄞")));
        assertEquals(new Position(2, 9), f.position(at(f, "k𝄞", "1")));
        assertEquals("y", f.text(at(f, "k𝄞", "1").valueSpan()));
    }

    @Test
    void laterLinesAreNotShiftedBySupplementaryCharactersOnEarlierLines() {
        YamlFile f = parse("# 🎉🎉🎉 𝄞\na: 🎉🎉 # 𝄞\nb:\n  c: value\n");
        assertEquals(new Position(2, 4), f.position(at(f, "a")));
        assertEquals(new Position(4, 6), f.position(at(f, "b", "c")));
        assertEquals("value", f.text(at(f, "b", "c").valueSpan()));
        assertEquals("🎉🎉", f.text(at(f, "a").valueSpan()));
        Comment inline = f.comments().get(1);
        assertEquals(new Position(2, 7), f.position(inline.span().start()));
        assertEquals("# 𝄞", f.text(inline.span()));
    }

    @Test
    void aByteOrderMarkIsNotAColumn() {
        YamlFile f = parse("\uFEFFfirst: 1\nsecond: {x: y}\n");
        YamlEntry first = root(f).entries().get(0);
        assertEquals(new Position(1, 1), f.position(first.key()), "first key right after the BOM");
        assertEquals("first", f.text(first.key().span()));
        assertEquals(new Position(1, 8), f.position(first.value()));
        assertEquals(new Position(2, 13), f.position(at(f, "second", "x")));
    }

    @Test
    void aByteOrderMarkAndAnEmojiOnTheFirstLine() {
        YamlFile f = parse("\uFEFF🎉: 𝄞x\n");
        assertEquals(new Position(1, 1), f.position(root(f).entries().get(0).key()));
        assertEquals(new Position(1, 4), f.position(at(f, "🎉")));
        assertEquals("𝄞x", f.text(at(f, "🎉").valueSpan()));
    }

    @Test
    void crlfCountsAsOneLineBreak() {
        YamlFile f = parse("a: 1\r\n\r\nb:\r\n  - x\r\n  - \"y\"\r\nc: |\r\n  text\r\nd: last\r\n");
        assertEquals(new Position(3, 1), f.position(root(f).entries().get(1).key()));
        assertEquals(new Position(4, 5), f.position(at(f, "b", "0")));
        assertEquals(new Position(5, 5), f.position(at(f, "b", "1")));
        assertEquals("\"y\"", f.text(at(f, "b", "1").valueSpan()));
        assertEquals("|\r\n  text", f.text(at(f, "c").valueSpan()), "a block scalar ends with its last line");
        assertEquals(new Position(8, 4), f.position(at(f, "d")));
    }

    @Test
    void lineIndexHandlesLoneCarriageReturns() {
        LineIndex index = new LineIndex("a\rb\r\nc\nd");
        assertEquals(4, index.lineCount());
        assertEquals(new Position(2, 1), index.position(2));
        assertEquals(new Position(3, 1), index.position(5));
        assertEquals(new Position(4, 1), index.position(7));
        assertEquals(3, index.lineEnd(1), "line 2 ends before its CRLF");
    }

    @Test
    void valueSpansSliceExactlyTheWrittenValue() {
        YamlFile f = parse("""
                quoted: "quoted"
                single: 'it''s'
                props: &a !tag value
                anchored: &b plain words
                alias: *a
                tagged-seq: !reference [.a, script]
                anchored-map: &m {k: v}
                block: &lit |
                  line
                after: x   # comment
                """);
        assertEquals("\"quoted\"", f.text(at(f, "quoted").valueSpan()));
        assertEquals("quoted", at(f, "quoted").scalarValue());
        assertEquals("'it''s'", f.text(at(f, "single").valueSpan()));
        YamlNode props = at(f, "props");
        assertEquals("&a !tag value", f.text(props.span()));
        assertEquals("value", f.text(props.valueSpan()));
        assertEquals(new Position(3, 16), f.position(props), "position() is where the content starts");
        assertEquals("plain words", f.text(at(f, "anchored").valueSpan()));
        assertEquals("*a", f.text(root(f).get("alias").span()));
        YamlNode ref = at(f, "tagged-seq");
        assertEquals("!reference [.a, script]", f.text(ref.span()));
        assertEquals("[.a, script]", f.text(ref.valueSpan()));
        assertEquals("{k: v}", f.text(at(f, "anchored-map").valueSpan()));
        assertEquals("&m {k: v}", f.text(at(f, "anchored-map").span()));
        assertEquals("|\n  line", f.text(at(f, "block").valueSpan()));
        assertEquals("x", f.text(at(f, "after").valueSpan()));
    }

    @Test
    void aVerbatimTagIsSkippedAsAWhole() {
        YamlFile f = parse("a: !<tag:yaml.org,2002:str> value\nb: &x !<!local> [1, 2]\n");
        assertEquals("value", f.text(at(f, "a").valueSpan()));
        assertEquals(new Position(1, 29), f.position(at(f, "a")));
        assertEquals("[1, 2]", f.text(at(f, "b").valueSpan()));
    }

    @Test
    void blockCollectionsSpanFromFirstToLastContent() {
        YamlFile f = parse("job:\n  image: x   # c\n  tags:\n  - a\n  - b # end\n\n# next\nother: 1\n");
        assertEquals("image: x   # c\n  tags:\n  - a\n  - b", f.text(at(f, "job").span()));
        assertEquals("- a\n  - b", f.text(at(f, "job", "tags").span()));
        assertEquals(new Position(4, 5), f.position(at(f, "job", "tags", "0")));
    }

    @Test
    void emptyValuesSitRightAfterTheirIndicator() {
        YamlFile f = parse("a:\nb:\n  -\n  - x\n");
        assertEquals(new Position(1, 3), f.position(at(f, "a")));
        assertEquals(new Position(3, 4), f.position(at(f, "b", "0")));
    }

    @Test
    void anEmptyValueFollowedByCommentsIsStillRightAfterItsColon() {
        YamlFile f = parse("a:   # inline\n  # more\n\nb:\n  c: # last\n");
        assertEquals(new Position(1, 3), f.position(at(f, "a")));
        assertEquals(new Position(5, 5), f.position(at(f, "b", "c")));
        assertEquals("c:", f.text(at(f, "b").span()), "the mapping ends with its empty value");
        YamlFile quoted = parse("\"k\": # c\nz: 1\n");
        assertEquals(new Position(1, 5), quoted.position(at(quoted, "k")));
    }

    @Test
    void locationNamesTheFile() {
        YamlFile f = parse("a:\n  b: 🎉c\n");
        assertEquals("p.yml:2:6", f.location(at(f, "a", "b")));
    }
}
