package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What GitLab reads: merge keys and duplicate keys with Ruby Psych's rules, aliases expanded, local tags kept. */
class YamlSemanticsTest {

    private static YamlMapping root(String text) {
        return (YamlMapping) YamlTestSupport.parse("s.yml", text).documents().get(0).root();
    }

    private static YamlMapping job(String text, String name) {
        return (YamlMapping) root(text).get(name).resolved();
    }

    /** The effective keys and their plain values, in order. */
    private static List<String> effective(YamlMapping m) {
        List<String> out = new ArrayList<>();
        m.effective().forEach((k, e) -> out.add(k + "=" + PlainValues.of(e.value())));
        return out;
    }

    @Test
    void aLaterDuplicateKeyWinsAndKeepsTheFirstPlace() {
        YamlMapping m = root("a: 1\nb: 2\na: 3\n");
        assertEquals(List.of("a=3", "b=2"), effective(m));
        assertEquals(3, m.entries().size(), "entries() keeps every pair as written");
        YamlEntry a = m.entry("a").orElseThrow();
        assertSame(m.entries().get(2), a, "the winning entry is the one written last");
        assertSame(m.entries().get(2), m.ownEntry("a").orElseThrow());
    }

    @Test
    void aMergeKeyOverridesKeysWrittenBeforeItAndIsOverriddenByKeysAfterIt() {
        String text = """
                .base: &base {image: base, stage: build, tags: [a]}
                job:
                  image: before
                  <<: *base
                  stage: after
                """;
        YamlMapping job = job(text, "job");
        assertEquals(List.of("image=base", "stage=after", "tags=[a]"), effective(job));
        YamlEntry image = job.entry("image").orElseThrow();
        assertEquals(new Position(1, 22), YamlTestSupport.parse("s.yml", text).position(image.value()),
                "a merged entry points where it was written, in the anchored mapping");
        assertTrue(job.ownEntry("image").isPresent(), "the own entry is still there");
        assertFalse(job.ownEntry("tags").isPresent(), "merged keys are not own entries");
    }

    @Test
    void inAMergedListTheEarlierMappingWins() {
        YamlMapping job = job("""
                .a: &a {x: a, only-a: 1}
                .b: &b {x: b, y: b, only-b: 2}
                job:
                  y: own-before
                  <<: [*a, *b]
                  z: own
                """, "job");
        // Psych merges the list last to first into a fresh hash: keys of the later mappings come first
        assertEquals(List.of("y=b", "x=a", "only-b=2", "only-a=1", "z=own"), effective(job));
    }

    @Test
    void duplicateMergeKeysApplyInOrder() {
        YamlMapping job = job("""
                .a: &a {x: a, p: 1}
                .b: &b {x: b, q: 2}
                job:
                  <<: *a
                  <<: *b
                """, "job");
        assertEquals(List.of("x=b", "p=1", "q=2"), effective(job));
    }

    @Test
    void mergesAreTransitive() {
        YamlMapping job = job("""
                .a: &a {x: a}
                .b: &b
                  <<: *a
                  y: b
                job:
                  <<: *b
                """, "job");
        assertEquals(List.of("x=a", "y=b"), effective(job));
    }

    @Test
    void anInlineMappingCanBeMerged() {
        assertEquals(List.of("x=1", "y=2"), effective(job("job:\n  <<: {x: 1}\n  y: 2\n", "job")));
    }

    @Test
    void aMergeKeyThatCannotMergeStaysAKey() {
        // Psych: merging a scalar (or a list holding a scalar) is a TypeError, so "<<" is kept as an ordinary key
        assertEquals(List.of("<<=text", "y=2"), effective(job("job:\n  <<: text\n  y: 2\n", "job")));
        assertEquals(List.of("<<=[{x=1}, text]"),
                effective(job(".a: &a {x: 1}\njob:\n  <<: [*a, text]\n", "job")));
    }

    @Test
    void anAliasToAListIsNotMerged() {
        // Psych merges a written list of mappings, but an alias to a list is merged as a Hash: TypeError, kept as key
        YamlMapping job = job("""
                .a: &a {x: 1}
                .list: &list [*a]
                job:
                  <<: *list
                  y: 2
                """, "job");
        assertEquals(List.of("<<=[{x=1}]", "y=2"), effective(job));
    }

    @Test
    void aQuotedMergeKeyStillMergesButAnExplicitStringTagDoesNot() {
        assertEquals(List.of("x=1"), effective(job(".a: &a {x: 1}\njob:\n  '<<': *a\n", "job")));
        assertEquals(List.of("<<={x=1}"), effective(job(".a: &a {x: 1}\njob:\n  !!str <<: *a\n", "job")));
    }

    @Test
    void getFollowsTheEffectiveEntries() {
        YamlMapping job = job(".a: &a {image: x}\njob:\n  <<: *a\n  script: [s]\n", "job");
        assertEquals("x", job.get("image").scalarValue());
        assertNull(job.get("missing"));
        assertTrue(job.entry("missing").isEmpty());
    }

    @Test
    void plainValuesExpandAliasesAndKeepLocalTags() {
        YamlMapping m = root("""
                .setup: &setup
                  script: [echo setup]
                img: &img ruby:3.3
                job:
                  <<: *setup
                  image: *img
                  script:
                    - !reference [.setup, script]
                    - echo main
                  after_script: !reference [.setup, script]
                  custom: !custom value
                  typed: !!str 123
                  nothing: ~
                  empty:
                  quoted-null: "null"
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> job = (Map<String, Object>) PlainValues.of(m.get("job"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("script", List.of(new PlainValues.Tagged("!reference", List.of(".setup", "script")),
                "echo main"));
        expected.put("image", "ruby:3.3");
        expected.put("after_script", new PlainValues.Tagged("!reference", List.of(".setup", "script")));
        expected.put("custom", new PlainValues.Tagged("!custom", "value"));
        expected.put("typed", "123");
        expected.put("nothing", null);
        expected.put("empty", null);
        expected.put("quoted-null", "null");
        assertEquals(expected, job);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(job.keySet()), "key order");
        Object ref = ((List<?>) job.get("script")).get(0);
        assertInstanceOf(PlainValues.Tagged.class, ref);
    }

    @Test
    void plainValuesOfNullIsNull() {
        assertNull(PlainValues.of(null));
    }

    static Stream<Path> fixtures() throws IOException {
        return YamlTestSupport.roundTripFixtures().stream();
    }

    /** {@link PlainValues} agrees with the independent reading in {@link YamlTestSupport#plain} on every fixture. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void plainValuesAgreeWithAnIndependentReading(Path fixture) throws IOException {
        YamlFile file = YamlTestSupport.parse(Source.read(fixture, fixture.getFileName().toString()));
        assertEquals(YamlTestSupport.plainDocuments(file, YamlTestSupport.overrides()),
                YamlTestSupport.plainValues(file));
    }

    @Test
    void theAnchorsFixtureReadsAsGitLabWouldReadIt() throws IOException {
        YamlFile file = YamlTestSupport.parse(Source.read(YamlTestSupport.ROUNDTRIP.resolve("anchors-merge.yml")));
        YamlMapping root = (YamlMapping) file.documents().get(0).root();
        assertEquals(Arrays.asList("image=ruby:3.3", "tags=[docker]", "retry=1", "script=[echo one, echo two]"),
                effective((YamlMapping) root.get("single")));
        assertEquals(List.of("cache={key=gems, paths=[vendor/]}", "image=ruby:3.4", "tags=[docker]", "retry=1"),
                effective((YamlMapping) root.get("list")));
        assertEquals(List.of("retry=1", "image=ruby:3.3", "tags=[override]", "cache={key=gems, paths=[vendor/]}"),
                effective((YamlMapping) root.get("twice")));
        assertEquals(List.of("image=ruby:3.3", "tags=[docker]", "retry=1", "stage=test"),
                effective((YamlMapping) root.get("flow-merge")));
    }
}
