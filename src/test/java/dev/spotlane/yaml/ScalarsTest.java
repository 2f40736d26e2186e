package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** New strings are written so that GitLab's reader (Ruby Psych, YAML 1.1) reads back the same string. */
class ScalarsTest {

    /** Plain, Psych would read these as null, a boolean, a number, a date, a symbol or a merge key. */
    @ParameterizedTest
    @ValueSource(strings = {"", "~", "null", "NULL", "nUlL", "true", "TRUE", "tRuE", "yes", "yEs", "on", "oN", "ON",
            "off", "oFF", "no", "nO", "false", "fAlSe", "1", "-1", "+1", "1.5", ".5", "1e3", "0x1F", "0o17", "1_000",
            "1:20", "2024-01-01", ".inf", "-.inf", "+.INF", ".iNf", ".nan", ".NaN", ".nAn", ":symbol", "<<", "="})
    void wordsThatAreNotStringsToPsychAreQuoted(String value) {
        assertFalse(Scalars.plainSafe(value, false), () -> "\"" + value + "\" must not be written plain");
        String written = Scalars.render(value, ScalarStyle.PLAIN, false);
        assertTrue(written.startsWith("'") || written.startsWith("\""), written);
        assertEquals(value, readBack(written, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ruby:3.3", "echo hello", "yes-please", "on-call", "nullable", "true1", "a#b", "🎉",
            "registry.example.com/a/b:1.0@sha256:abc", "$CI_COMMIT_REF_NAME", "a:b"})
    void ordinaryStringsStayPlain(String value) {
        assertTrue(Scalars.plainSafe(value, false), () -> "\"" + value + "\" can be written plain");
        assertEquals(value, Scalars.render(value, ScalarStyle.PLAIN, false));
        assertEquals(value, readBack(value, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: b", "a #b", "- a", "-", "---", "[a]", "{a}", "*a", "&a", "!a", "|", ">", "%a", "@a",
            "`a", "'a", "\"a", "?", "a:", " a", "a ", "a\tb", "a\nb", "line\r\n", "\u0085", "\uFEFF", "\\", "it's"})
    void indicatorsAndBlanksAreQuotedAndReadBack(String value) {
        for (boolean flow : new boolean[] {false, true}) {
            String written = Scalars.render(value, ScalarStyle.PLAIN, flow);
            assertEquals(value, readBack(written, flow), () -> "written as " + written);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a]", "{b", "ruby:3.3", "x:y"})
    void flowIndicatorsAreQuotedInFlowOnly(String value) {
        assertFalse(Scalars.plainSafe(value, true), value);
        assertEquals(value, readBack(Scalars.render(value, ScalarStyle.PLAIN, true), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "say \"hi\"", "tab\there", "🎉 𝄞"})
    void quotedStylesAreKept(String value) {
        String single = Scalars.render(value, ScalarStyle.SINGLE_QUOTED, false);
        String dbl = Scalars.render(value, ScalarStyle.DOUBLE_QUOTED, false);
        assertTrue(dbl.startsWith("\""), dbl);
        assertTrue(single.startsWith("'") || value.contains("\t") && single.startsWith("\""), single);
        assertEquals(value, readBack(single, false));
        assertEquals(value, readBack(dbl, false));
    }

    private static String readBack(String written, boolean flow) {
        String text = flow ? "k: [" + written + "]\n" : "k: " + written + "\n";
        YamlFile f = YamlTestSupport.parse("s.yml", text);
        YamlNode v = ((YamlMapping) f.documents().get(0).root()).get("k");
        return (flow ? ((YamlSequence) v).items().get(0) : v).scalarValue();
    }
}
