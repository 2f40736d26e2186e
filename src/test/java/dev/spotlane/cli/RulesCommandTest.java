package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code spotlane rules --effective}: the merged rules with where each value came from. */
class RulesCommandTest {
    private static final Path CASE = Path.of("src/test/resources/golden/rules-merge/local-over-central");

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsTheMergedRulesWithTheirOriginsAsTheGoldenHasThem() throws Exception {
        Path repo = CASE.resolve("repo");
        Run r = run("rules", "--effective", "--rules", repo.resolve(".spotlane.yml").toString(), repo.toString());
        assertEquals(0, r.code(), r.err());
        String shown = repo.resolve(".spotlane.yml").toString().replace('\\', '/');
        assertEquals(Files.readString(CASE.resolve("effective.yml")), r.out().replace(shown + ":", ".spotlane.yml:"));
        assertEquals("", r.err());
    }

    @Test
    void jsonHasTheDocumentAndAnOriginForEachValue() throws Exception {
        Path repo = CASE.resolve("repo");
        Run r = run("rules", "--effective", "--format", "json", "--rules", repo.resolve(".spotlane.yml").toString(),
                repo.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = JsonMapper.builder().build().readTree(r.out());
        assertEquals("deploy-big", json.get("rules").get("routing").get("routes").get(0).get("name").asString());
        assertTrue(json.get("origins").get("/routing/routes/0").asString().endsWith(".spotlane.yml:8:7"),
                json.get("origins").toString());
        assertEquals("ci/central.yml:4:11", json.get("origins").get("/routing/policy").asString());
    }

    @Test
    void withoutARulesFileTheBundledRulesAreShownWithTheirLines(@org.junit.jupiter.api.io.TempDir Path repo) {
        Run r = run("rules", "--effective", repo.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("version: 1  # bundled rules/spotlane.yml:"), r.out());
    }

    @Test
    void aMissingRulesFileOrNoEffectiveIsBadUsage() {
        Run r = run("rules", "--effective", "--rules", "no/such/rules.yml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no/such/rules.yml: no such file or directory"), r.err());
        assertEquals(2, run("rules").code());
    }
}
