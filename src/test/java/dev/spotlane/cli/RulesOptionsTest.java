package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runner-config, iam-policy and simulate say which rules file they used, and which fleet defaults when it has no
 * {@code fleet:} section; without {@code --rules} they read the repository root's {@code .spotlane.yml} as lint does.
 */
class RulesOptionsTest {
    private static final String NO_FLEET = """
            version: 1
            routing:
              policy: explicit
              local_tags: [docker]
              classes:
                arm: { tags: [arm], default: true }
              routes:
                - { name: all, match: { jobs: ["*"] }, class: arm }
            """;

    @Test
    void withoutAFleetSectionTheCommandsSayWhichDefaultsTheyUse(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, NO_FLEET);
        String expected = "spotlane: rules: " + rules + "\nspotlane: no fleet: section in " + rules + ": using the"
                + " defaults region us-east-1, gitlab_url https://gitlab.com, plugin aws, runners arm (asg spotlane-arm,"
                + " max_instances 10, capacity_per_instance 1), policies idle_count 0 idle_time 20m\n";
        Run config = ImagesCommandTest.run("runner-config", "--rules", rules.toString());
        assertEquals(0, config.code(), config.err());
        assertTrue(config.err().startsWith(expected), config.err());
        Run iam = ImagesCommandTest.run("iam-policy", "--rules", rules.toString(), "--account", "123456789012");
        assertEquals(0, iam.code(), iam.err());
        assertEquals(expected, iam.err());
        Run sim = ImagesCommandTest.run("simulate", "--synthetic", "--rules", rules.toString());
        assertEquals(0, sim.code(), sim.err());
        assertTrue(sim.err().contains(expected), sim.err());
    }

    @Test
    void theBundledRulesAreNamedAndTheRepositoryRootIsWhereLintLooks() {
        Run config = ImagesCommandTest.run("iam-policy");
        assertEquals(0, config.code(), config.err());
        assertTrue(config.err().startsWith("spotlane: rules: bundled rules/spotlane.yml\n"), config.err());
        Path here = Path.of("").toAbsolutePath();
        assertEquals(Files.exists(here.resolve(".git")) ? here : RulesOptions.currentRoot(), RulesOptions.currentRoot());
    }
}
