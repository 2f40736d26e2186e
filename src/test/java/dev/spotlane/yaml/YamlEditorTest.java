package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small before/after checks of {@link YamlEditor} and {@link EditPlan}, including regressions found by the goldens. */
class YamlEditorTest {

    private static YamlFile parse(String text) {
        return YamlTestSupport.parse("e.yml", text);
    }

    private static YamlNode at(YamlFile f, String path) {
        return EditScript.resolve(f, path, 0);
    }

    @Test
    void replacingAnEmptyValueKeepsTheBlankAfterTheIndicator() {
        YamlFile f = parse("job:\n  image:   # to fill\n  tags:\n    -\n    - b\n");
        YamlEditor ed = new YamlEditor(f);
        EditPlan plan = ed.replaceScalar((YamlScalar) at(f, "/job/image"), "ruby:3.4")
                .plus(ed.replaceScalar((YamlScalar) at(f, "/job/tags/0"), "a"));
        assertEquals("job:\n  image: ruby:3.4   # to fill\n  tags:\n    - a\n    - b\n", ed.apply(plan));
    }

    @Test
    void addingAfterAKeptBlockScalarLeavesItsTrailingLinesInTheValue() {
        String text = "job:\r\n  script: |+\r\n    echo\r\n\r\n\r\nnext: x\r\n";
        YamlFile f = parse(text);
        YamlEditor ed = new YamlEditor(f);
        String out = ed.apply(ed.addEntry((YamlMapping) at(f, "/job"), "tags", YamlValue.list(List.of("cloud"))));
        assertEquals("job:\r\n  script: |+\r\n    echo\r\n\r\n\r\n  tags: [cloud]\r\nnext: x\r\n", out);
        assertEquals("echo\n\n\n", at(parse(out), "/job/script").scalarValue());
    }

    @Test
    void appendingAfterAKeptBlockScalarItemLeavesItsTrailingLinesInTheValue() {
        YamlFile f = parse("list:\n  - |+\n    kept\n\n");
        YamlEditor ed = new YamlEditor(f);
        String out = ed.apply(ed.appendItems((YamlSequence) at(f, "/list"), List.of(YamlValue.string("b"))));
        assertEquals("list:\n  - |+\n    kept\n\n  - b\n", out);
        assertEquals(List.of("kept\n\n", "b"), PlainValues.of(at(parse(out), "/list")));
    }

    @Test
    void emptyingAFlushSequenceIndentsTheFlowList() {
        YamlFile f = parse("job:\n  tags: # routing\n  - a\n  - b\n  script: [x]\n");
        YamlEditor ed = new YamlEditor(f);
        String out = ed.apply(ed.setItems((YamlSequence) at(f, "/job/tags"), List.of()));
        assertEquals("job:\n  tags: # routing\n    []\n  script: [x]\n", out);
    }

    @Test
    void setItemsTwiceIsSetItemsOnce() {
        YamlFile f = parse("tags:\n- a\n- b\n- c\n");
        YamlEditor ed = new YamlEditor(f);
        List<YamlValue> items = List.of(YamlValue.string("cloud"), YamlValue.string("c7g"));
        String once = ed.apply(ed.setItems((YamlSequence) at(f, "/tags"), items));
        assertEquals("tags:\n- cloud\n- c7g\n", once);
        YamlFile f2 = parse(once);
        assertTrue(new YamlEditor(f2).setItems((YamlSequence) at(f2, "/tags"), items).isEmpty());
    }

    @Test
    void longFormKeepsAnAnchorOnTheNewMapping() {
        YamlFile f = parse("a:\n  image: &img ruby\nb:\n  image: *img\n");
        YamlEditor ed = new YamlEditor(f);
        String out = ed.apply(ed.toLongForm((YamlScalar) at(f, "/a/image"),
                Map.of("pull_policy", YamlValue.string("always"))));
        assertEquals("a:\n  image: &img\n    name: ruby\n    pull_policy: always\nb:\n  image: *img\n", out);
    }

    @Test
    void longFormRefusesAnchoredListItemsAndBlockScalars() {
        YamlFile f = parse("a:\n  services: [x]\n  tags:\n  - &img ruby\nb:\n  image: |\n    ruby\n");
        YamlEditor ed = new YamlEditor(f);
        Map<String, YamlValue> pull = Map.of("pull_policy", YamlValue.string("always"));
        IllegalArgumentException anchored = assertThrows(IllegalArgumentException.class,
                () -> ed.toLongForm((YamlScalar) at(f, "/a/tags/0"), pull));
        assertEquals("e.yml:4:10: anchored list item (&img) cannot become a mapping in place",
                anchored.getMessage());
        IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
                () -> ed.toLongForm((YamlScalar) at(f, "/b/image"), pull));
        assertTrue(block.getMessage().startsWith("e.yml:6:10: block scalar"), block.getMessage());
    }

    @Test
    void applyRefusesAPlanThatBreaksTheFile() {
        YamlFile f = parse("a: 1\n");
        YamlEditor ed = new YamlEditor(f);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ed.apply(EditPlan.of(TextEdit.insert(4, ": x"))));
        assertTrue(e.getMessage().startsWith("edit would break e.yml: "), e.getMessage());
        assertSame(f.text(), ed.apply(EditPlan.EMPTY));
    }

    @Test
    void theIndentUnitIsReadFromTheFile() {
        assertEquals(2, new YamlEditor(parse("a:\n  b: 1\n")).indentUnit());
        assertEquals(4, new YamlEditor(parse("a:\n    b:\n        c: 1\nd:\n    e: 1\n")).indentUnit());
        assertEquals(2, new YamlEditor(parse("a: [1]\n")).indentUnit(), "2 when it cannot be told");
    }

    @Test
    void planEditsMustNotOverlap() {
        TextEdit a = new TextEdit(new Span(0, 5), "x");
        TextEdit b = new TextEdit(new Span(4, 6), "y");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EditPlan.of(a, b));
        assertEquals("overlapping edits at [0, 5) and [4, 6)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EditPlan.of(a, TextEdit.insert(2, "z")));
    }

    @Test
    void planAppliesBackToFrontAndKeepsTheOrderOfInsertionsAtOnePlace() {
        EditPlan plan = EditPlan.of(TextEdit.insert(3, "1"), new TextEdit(new Span(0, 3), "abc"),
                TextEdit.insert(3, "2"), TextEdit.delete(new Span(3, 4)));
        assertEquals("abc12d-", plan.apply("xyz-d-"));
        assertEquals(3, plan.edits().size() - 1, "edits are kept");
        assertThrows(IllegalArgumentException.class, () -> EditPlan.of(TextEdit.insert(10, "x")).apply("short"));
        assertTrue(EditPlan.of(TextEdit.insert(1, "")).isEmpty(), "an empty insertion is no edit");
    }
}
