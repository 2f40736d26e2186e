package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * spotlane's schema dialect: draft 2020-12 without formats. A schema that asks for a format is refused rather than
 * left unchecked; the keywords the bundled schemas use still validate.
 */
class YamlJsonDialectTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void aSchemaWithAFormatIsRefusedNotSilentlyUnchecked() {
        ObjectNode schema = JSON.objectNode();
        schema.putObject("properties").putObject("when").put("type", "string").put("format", "date-time");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YamlJson.compile(schema));
        assertEquals("the schema uses 'format', which spotlane's schema dialect leaves out", e.getMessage());
    }

    @Test
    void theKeywordsTheBundledSchemasUseStillValidate() {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object").put("additionalProperties", false);
        ObjectNode props = schema.putObject("properties");
        props.putObject("name").put("$ref", "#/$defs/name");
        props.putObject("when").putArray("enum").add("always").add("never");
        props.putObject("n").putArray("oneOf").add(JSON.objectNode().put("type", "integer").put("minimum", 1))
                .add(JSON.objectNode().put("type", "string"));
        schema.putObject("$defs").putObject("name").put("type", "string").put("pattern", "^[a-z]+$");
        Schema compiled = YamlJson.compile(schema);
        assertEquals(List.of(), keywords(compiled, JSON.objectNode().put("name", "abc").put("when", "never")
                .put("n", 2)));
        ObjectNode wrong = JSON.objectNode().put("name", "A").put("when", "sometimes").put("n", 0).put("other", 1);
        assertEquals(List.of("additionalProperties", "enum", "minimum", "oneOf", "pattern", "type"),
                keywords(compiled, wrong));
        // the same errors as networknt's own draft 2020-12 dialect
        Schema standard = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        assertEquals(errors(standard, wrong), errors(compiled, wrong));
    }

    private static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(e -> e.getKeyword() + " " + e.getEvaluationPath() + " "
                + e.getInstanceLocation()).sorted().toList();
    }

    private static List<String> keywords(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(Error::getKeyword).sorted().toList();
    }
}
