package dev.spotlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.RoutingMode;
import dev.spotlane.transform.Decision;
import dev.spotlane.transform.FileChange;
import dev.spotlane.transform.FixResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library API: {@link Spotlane#policy}, {@link Spotlane#fix} and {@link Spotlane#write}, without the CLI. */
class SpotlaneTest {
    private static final String OVERFLOW_RULES = """
            version: 1
            routing:
              policy: overflow
              local_tags: [local]
              classes:
                t4g: { tags: [], default: true }
              routes:
                - { name: all, match: { jobs: ["*"] }, class: t4g }
            """;

    @Test
    void policyIsTheGivenRulesElseTheRepositorysElseTheBundledOnes(@TempDir Path repo) throws Exception {
        assertEquals(PolicyLoader.BUNDLED, Spotlane.policy(repo, null).source());
        Path own = Files.writeString(repo.resolve(Spotlane.REPO_RULES), OVERFLOW_RULES);
        Policy repoPolicy = Spotlane.policy(repo, null);
        assertEquals(own.toString(), repoPolicy.source());
        assertEquals(RoutingMode.OVERFLOW, repoPolicy.routing().mode());
        Path given = Files.writeString(repo.resolve("other.yml"), OVERFLOW_RULES.replace("overflow", "explicit"));
        assertEquals(RoutingMode.EXPLICIT, Spotlane.policy(repo, given).routing().mode());
        Files.writeString(own, "version: 1\n");
        assertThrows(PolicyException.class, () -> Spotlane.policy(repo, null));
    }

    @Test
    void fixPlansWritesNothingAndWriteAppliesThePlan(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("ci"));
        Path main = Files.writeString(repo.resolve(".gitlab-ci.yml"), "include: [{local: ci/jobs.yml}]\n");
        Path jobs = Files.writeString(repo.resolve("ci/jobs.yml"), "build:\n  tags: [local]\n  script: [make]\n");
        FixResult result = Spotlane.fix(repo, PolicyLoader.bundled());
        assertTrue(result.changed());
        assertEquals(1, result.changes().size());
        FileChange change = result.changes().get(0);
        assertEquals(jobs.toAbsolutePath().normalize(), Path.of(change.name()).toAbsolutePath().normalize());
        assertEquals("build:\n  tags: [cloud, t4g]\n  script: [make]\n", change.newText());
        assertEquals(List.of("build MOVE [cloud, t4g]"), result.decisions().stream()
                .map(d -> d.job() + " " + d.outcome() + " " + d.to()).toList());
        assertEquals("build:\n  tags: [local]\n  script: [make]\n", Files.readString(jobs), "fix writes nothing");

        Spotlane.write(result);
        assertEquals(change.newText(), Files.readString(jobs));
        assertEquals("include: [{local: ci/jobs.yml}]\n", Files.readString(main));
        try (Stream<Path> s = Files.walk(repo)) {
            assertEquals(List.of(".gitlab-ci.yml", "jobs.yml"), s.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
        FixResult again = Spotlane.fix(repo, PolicyLoader.bundled());
        assertFalse(again.changed());
        assertEquals(Decision.Outcome.COMPLIANT, again.decisions().get(0).outcome());
    }

    @Test
    void fixOfAnotherMainFileWithAProjectInclude(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path other = Files.createDirectories(dir.resolve("other/templates"));
        Files.writeString(repo.resolve("pipeline.yml"), """
                include:
                  - project: grp/proj
                    file: /templates/jobs.yml
                """);
        String template = "integration-test:\n  tags: [local]\n  script: [make it]\n";
        Files.writeString(other.resolve("jobs.yml"), template);
        FixResult result = Spotlane.fix(repo, "pipeline.yml", PolicyLoader.bundled(),
                Map.of("grp/proj", dir.resolve("other")));
        assertEquals(1, result.changes().size());
        assertEquals("""
                include:
                  - project: grp/proj
                    file: /templates/jobs.yml

                integration-test:
                  tags: [cloud, c7g]
                """, result.changes().get(0).newText());
        Spotlane.write(result);
        assertEquals(template, Files.readString(other.resolve("jobs.yml")), "other projects are never written");
    }

    @Test
    void fixRefusesUnreadableAndRejectedPipelines(@TempDir Path repo) throws IOException {
        Path main = Files.writeString(repo.resolve(".gitlab-ci.yml"), "build:\n  script: [make\n");
        SpotlaneException syntax = assertThrows(SpotlaneException.class,
                () -> Spotlane.fix(repo, PolicyLoader.bundled()));
        assertTrue(syntax.getMessage().startsWith(main + ":"), syntax.getMessage());

        Files.writeString(main, "build:\n  extends: .nowhere\n  script: [make]\n");
        SpotlaneException rejected = assertThrows(SpotlaneException.class,
                () -> Spotlane.fix(repo, PolicyLoader.bundled()));
        assertTrue(rejected.getMessage().contains(".nowhere"), rejected.getMessage());

        Files.delete(main);
        assertThrows(IOException.class, () -> Spotlane.fix(repo, PolicyLoader.bundled()));
    }

    @Test
    void writeAtomicallyReplacesOrCreatesAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.yml");
        Spotlane.writeAtomically(f, "new: file\n");
        assertEquals("new: file\n", Files.readString(f));
        Spotlane.writeAtomically(f, "\uFEFFbom: kept\r\n");
        assertEquals("\uFEFFbom: kept\r\n", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }
}
