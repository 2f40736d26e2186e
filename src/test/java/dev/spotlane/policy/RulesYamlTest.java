package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The merged rules written as YAML read back as the same document, whatever the strings hold. */
class RulesYamlTest {
    @Test
    void stringsThatYamlWouldReadAsSomethingElseAreQuoted() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        String[] tricky = {"yes", "No", "on", "null", "~", "1.0", "0x1F", "12:30", "", " lead", "a: b", "#x", "x #y",
            "-", "- a", "*star", "&a", "!tag", "'q'", "\"d\"", "[a]", "{a}", "é ü 雪", "tab\there", "line\nbreak",
            "y", "n", ".inf", "deploy*", "ci/ami/images.txt", "c7g", "@x", "%x", "`x", "|", ">", "?", "1e3"};
        ObjectNode strings = doc.putObject("strings");
        for (int i = 0; i < tricky.length; i++) {
            strings.put("k" + i, tricky[i]);
            strings.put(tricky[i].isEmpty() ? "empty" : tricky[i], i);
        }
        doc.put("int", 10).put("float", 1.5).put("bool", true).putNull("nothing");
        doc.putArray("list").add("a").add(1).addArray().add("nested");
        doc.putObject("empty");
        doc.putArray("none");
        String text = RulesYaml.render(doc).text();
        ObjectNode back = (ObjectNode) YamlJson.toJson(new YamlParser().parse(new Source("r.yml", text)).file()
                .documents().get(0).root());
        assertEquals(doc.toString(), back.toString(), text);
    }
}
