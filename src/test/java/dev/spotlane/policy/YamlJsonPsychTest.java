package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.yaml.YamlParser;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link YamlJson}'s Psych typing of plain scalars (GitLab's YAML 1.1 booleans), including the length shortcut. */
class YamlJsonPsychTest {
    private static final Pattern BOOLEAN = Pattern.compile("(?i)yes|true|on|no|false|off");

    private static JsonNode plain(String value) {
        return YamlJson.toJson(new YamlParser().parse("t.yml", "v: " + value + "\n").orElseThrow().documents()
                .get(0).root(), YamlJson.Typing.PSYCH, n -> null).get("v");
    }

    @Test
    void yamlOneOneBooleansInAnyCase() {
        assertEquals(true, plain("yes").asBoolean());
        assertEquals(true, plain("On").isBoolean());
        assertEquals(false, plain("FALSE").asBoolean(true));
        assertEquals(true, plain("oFf").isBoolean());
        assertEquals(true, plain("falsey").isString());
        assertEquals(true, plain("\"true\"").isString());
        assertEquals(true, plain("y").isString());
    }

    @Test
    void booleansExactlyWhereThePatternMatches() {
        Random random = new Random(3);
        String letters = "yesYESnoNOtrueTRUEfalseFALSEoOfF";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 1 + random.nextInt(7); k > 0; k--) {
                b.append(letters.charAt(random.nextInt(letters.length())));
            }
            String v = b.toString();
            assertEquals(BOOLEAN.matcher(v).matches(), plain(v).isBoolean(), v);
        }
    }
}
