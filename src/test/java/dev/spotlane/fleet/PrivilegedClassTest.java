package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** runner-config writes privileged per class from the class's capability, the value routing honours. */
class PrivilegedClassTest {
    @Test
    void eachRunnerIsPrivilegedAsItsClass() throws Exception {
        String text = Files.readString(Path.of("rules/spotlane.yml"))
                .replace("c7g: { tags: [c7g] }", "c7g: { tags: [c7g], privileged: true }");
        RunnerConfig c = RunnerConfig.generate(PolicyLoader.load(new Source("rules.yml", text), Path.of(".")));
        JsonNode runners = new TomlMapper().readTree(c.toml()).path("runners");
        assertEquals(2, runners.size());
        assertEquals(false, runners.get(0).path("docker").path("privileged").asBoolean(true), c.toml());
        assertEquals(true, runners.get(1).path("docker").path("privileged").asBoolean(false), c.toml());
    }
}
