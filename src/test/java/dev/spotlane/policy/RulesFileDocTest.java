package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/rules-file.md} and {@code schemas/spotlane-rules.schema.json} name the same keys: every property path
 * of the schema ({@code routing.classes.<class>.tags}, {@code fleet.policies[].idle_time}) has a table row in the
 * doc, and every row is a path of the schema, so neither can drift from the other.
 */
class RulesFileDocTest {
    private static final Path DOC = Path.of("docs/rules-file.md");
    private static final Path SCHEMA = Path.of("schemas/spotlane-rules.schema.json");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_<>\\[\\].-]+)` \\|", Pattern.MULTILINE);

    @Test
    void everySchemaKeyIsDocumentedAndEveryDocumentedKeyIsInTheSchema() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(SCHEMA));
        Set<String> inSchema = new TreeSet<>();
        walk(schema, schema, "", inSchema);
        Set<String> inDoc = new TreeSet<>();
        Matcher m = ROW.matcher(Files.readString(DOC));
        while (m.find()) {
            inDoc.add(m.group(1).replaceAll("<[^>]+>", "*"));
        }
        List<String> undocumented = new ArrayList<>(inSchema);
        undocumented.removeAll(inDoc);
        List<String> unknown = new ArrayList<>(inDoc);
        unknown.removeAll(inSchema);
        assertTrue(undocumented.isEmpty() && unknown.isEmpty(), "schema keys missing from " + DOC + ": "
                + undocumented + "; keys in " + DOC + " the schema does not have: " + unknown);
        assertTrue(inSchema.size() > 40, "the walk found the schema's keys: " + inSchema);
    }

    @Test
    void theWalkNamesMapEntriesAndListItems() {
        JsonNode schema = JsonMapper.builder().build().readTree("""
                {"properties": {"a": {"type": "object", "additionalProperties": {"properties": {"b": {}}}},
                 "c": {"type": "array", "items": {"$ref": "#/$defs/d"}}},
                 "$defs": {"d": {"properties": {"e": {"type": "string"}}}}}""");
        Set<String> out = new TreeSet<>();
        walk(schema, schema, "", out);
        assertEquals(Set.of("a", "a.*", "a.*.b", "c", "c[].e"), out);
    }

    /** Every property path under {@code node}; map entries are {@code *}, list items {@code []}. */
    static void walk(JsonNode root, JsonNode node, String path, Set<String> out) {
        JsonNode n = resolve(root, node);
        if (n.has("properties")) {
            for (Map.Entry<String, JsonNode> p : n.get("properties").properties()) {
                String child = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
                out.add(child);
                walk(root, p.getValue(), child, out);
            }
        }
        JsonNode additional = n.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            String child = path + ".*";
            out.add(child);
            walk(root, additional, child, out);
        }
        JsonNode items = n.get("items");
        if (items != null && items.isObject()) {
            walk(root, items, path + "[]", out);
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.asString().startsWith("#/$defs/")) {
            return root.get("$defs").get(ref.asString().substring("#/$defs/".length()));
        }
        return node;
    }
}
