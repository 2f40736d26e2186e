package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link YamlParser#reusing}: a file already parsed comes back for the same name and text instead of being parsed
 * again (fix's proof reads the whole pipeline again with a few files edited); anything else is parsed.
 */
class YamlParserReuseTest {

    @Test
    void givesBackAFileOfTheSameNameAndText() {
        YamlFile a = new YamlParser().parse("a.yml", "job: {script: [x]}\n").orElseThrow();
        YamlFile b = new YamlParser().parse("b.yml", "other: {script: [y]}\n").orElseThrow();
        YamlParser parser = new YamlParser().reusing(List.of(a)).reusing(List.of(b));
        assertSame(a, parser.parse("a.yml", "job: {script: [x]}\n").orElseThrow());
        assertSame(b, parser.parse(new Source("b.yml", "other: {script: [y]}\n")).orElseThrow());
    }

    @Test
    void parsesAnotherTextOrName() {
        YamlFile a = new YamlParser().parse("a.yml", "job: {script: [x]}\n").orElseThrow();
        YamlParser parser = new YamlParser().reusing(List.of(a));
        YamlFile edited = parser.parse("a.yml", "job: {script: [x], tags: [cloud]}\n").orElseThrow();
        assertNotSame(a, edited);
        assertEquals("job: {script: [x], tags: [cloud]}\n", edited.text());
        YamlFile renamed = parser.parse("c.yml", "job: {script: [x]}\n").orElseThrow();
        assertNotSame(a, renamed);
        assertEquals("c.yml", renamed.name());
        ParseResult broken = parser.parse("a.yml", "job: [\n");
        assertFalse(broken.ok());
        assertEquals("a.yml", broken.error().file());
    }

    @Test
    void choosesAmongFilesOfOneNameByText() {
        YamlFile before = new YamlParser().parse("a.yml", "x: 1\n").orElseThrow();
        YamlFile after = new YamlParser().parse("a.yml", "x: 2\n").orElseThrow();
        YamlParser parser = new YamlParser().reusing(List.of(after)).reusing(List.of(before));
        assertSame(before, parser.parse("a.yml", "x: 1\n").orElseThrow());
        assertSame(after, parser.parse("a.yml", "x: 2\n").orElseThrow());
    }

    @Test
    void theEditorGivesTheEditedFileAsParsed() {
        YamlFile f = new YamlParser().parse("e.yml", "job:\n  image: ruby\n").orElseThrow();
        YamlEditor ed = new YamlEditor(f);
        YamlScalar image = (YamlScalar) ((YamlMapping) ((YamlMapping) f.documents().get(0).root()).get("job"))
                .get("image");
        YamlFile out = ed.edit(ed.replaceScalar(image, "ruby:3.4"));
        assertEquals("job:\n  image: ruby:3.4\n", out.text());
        assertEquals("e.yml", out.name());
        assertEquals(out.text(), ed.apply(ed.replaceScalar(image, "ruby:3.4")));
        assertSame(f, ed.edit(EditPlan.EMPTY), "no change: the file itself");
        assertTrue(out.documents().get(0).root() instanceof YamlMapping);
        assertThrows(IllegalStateException.class,
                () -> ed.edit(EditPlan.of(new TextEdit(image.span(), "[unclosed"))));
    }
}
