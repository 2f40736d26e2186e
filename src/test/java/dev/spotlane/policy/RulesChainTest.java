package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Rules files that extend others: the merge goldens, confinement, chains and the offline fallback. */
class RulesChainTest {
    static final Path DIR = Path.of("src/test/resources/golden/rules-merge");

    @TestFactory
    Stream<DynamicTest> mergeGoldens() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(DIR)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Path repo = c.resolve("repo");
            Path central = c.resolve("central");
            // central/<group>/<project>/<file>: what a GitLab project holds at any ref
            RulesSource source = !Files.isDirectory(central) ? null : (project, file, ref) -> {
                Path f = central.resolve(project).resolve(file).normalize();
                if (!f.startsWith(central) || !Files.isRegularFile(f)) {
                    throw new RulesSource.Unavailable("\"" + file + "\" of " + project + ": not found");
                }
                return Files.readString(f);
            };
            RulesChain.Result r = RulesChain.load(repo.resolve(".spotlane.yml"), ".spotlane.yml", repo, source);
            assertEquals(List.of(), r.notices());
            String sources = r.sources().stream().map(s -> s.replace(repo.toString().replace('\\', '/') + "/", ""))
                    .toList().toString();
            Golden.assertMatches(c.resolve("expected.json"), "// chain: " + sources + "\n"
                    + r.merged().toPrettyString() + "\n");
            Golden.assertMatches(c.resolve("effective.yml"), r.effective());
        }));
    }

    @Test
    void theProjectsOwnRoutesComeFirst() throws Exception {
        Path repo = DIR.resolve("local-over-central/repo");
        Policy p = RulesChain.load(repo.resolve(".spotlane.yml"), repo, null).policy();
        assertEquals(List.of("deploy-big", "heavy-tests", "short-jobs"),
                p.routing().routes().stream().map(Route::name).toList());
    }

    @Test
    void aSymlinkOutOfTheRepositoryIsRefusedWithoutItsContent(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path secret = Files.writeString(tmp.resolve("secret.yml"), "version: 1\npassword: hunter2\n");
        Files.createSymbolicLink(repo.resolve("central.yml"), secret);
        Files.writeString(repo.resolve(".spotlane.yml"), "version: 1\nextends: central.yml\n");
        PolicyException e = assertThrows(PolicyException.class,
                () -> RulesChain.load(repo.resolve(".spotlane.yml"), repo, null));
        assertTrue(e.getMessage().contains(".spotlane.yml:2:10: extends: \"central.yml\" is outside the repository"
                + " [rules-extends]"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void dotDotAndDirectoriesAreRefused(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("dir"));
        Files.writeString(tmp.resolve("up.yml"), "version: 1\n");
        Files.writeString(repo.resolve("a.yml"), "extends: ../up.yml\n");
        Files.writeString(repo.resolve("b.yml"), "extends: dir\n");
        assertTrue(assertThrows(PolicyException.class, () -> RulesChain.load(repo.resolve("a.yml"), repo, null))
                .getMessage().contains("is outside the repository"));
        assertTrue(assertThrows(PolicyException.class, () -> RulesChain.load(repo.resolve("b.yml"), repo, null))
                .getMessage().contains("extends: \"dir\" is not a regular file"));
    }

    @Test
    void aCycleIsReportedAtTheExtendsThatClosesIt(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.yml"), "extends: b.yml\n");
        Files.writeString(tmp.resolve("b.yml"), "# b\nextends: a.yml\n");
        PolicyException e = assertThrows(PolicyException.class,
                () -> RulesChain.load(tmp.resolve("a.yml"), tmp, null));
        assertTrue(e.getMessage().contains("b.yml:2:10: extends: \"a.yml\" is already in the chain (a cycle: "),
                e.getMessage());
    }

    @Test
    void aChainLongerThanTheLimitIsRefused(@TempDir Path tmp) throws Exception {
        for (int i = 0; i < 8; i++) {
            Files.writeString(tmp.resolve(i + ".yml"), "extends: " + (i + 1) + ".yml\n");
        }
        Files.writeString(tmp.resolve("8.yml"), "version: 1\n");
        PolicyException e = assertThrows(PolicyException.class,
                () -> RulesChain.load(tmp.resolve("0.yml"), tmp, null));
        assertTrue(e.getMessage().contains("4.yml:1:10: extends: more than 5 rules files in one chain"),
                e.getMessage());
    }

    @Test
    void theMergedDocumentIsValidatedNotEachPart(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("base.yml"), "version: 1\nrouting:\n  policy: explicit\n  cloud_tag: cloud\n"
                + "  classes: { t4g: { tags: [t4g], default: true } }\n"
                + "  routes: [{ name: all, match: { jobs: ['*'] }, class: t4g }]\n");
        Files.writeString(tmp.resolve("local.yml"), "extends: base.yml\nrouting:\n  routes:\n"
                + "    - { name: mine, match: { jobs: [x] }, class: nope }\n");
        PolicyException e = assertThrows(PolicyException.class,
                () -> RulesChain.load(tmp.resolve("local.yml"), tmp, null));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void offlineCentralRulesFallBackToTheBundledRulesAndSaySoOnce(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(".spotlane.yml"), "extends: { project: group/ci-policy, file: spotlane.yml,"
                + " ref: main }\nimages:\n  require_pinned_services: false\n");
        RulesChain.Result r = RulesChain.load(tmp.resolve(".spotlane.yml"), tmp, null);
        assertEquals(1, r.notices().size(), r.notices().toString());
        assertTrue(r.notices().get(0).startsWith("the central rules \"group/ci-policy:spotlane.yml@main\" could not"
                + " be read (no GitLab URL or token: in CI spotlane uses CI_API_V4_URL and CI_JOB_TOKEN, outside give"
                + " --gitlab-url and --token-env); using "), r.notices().get(0));
        assertTrue(r.notices().get(0).endsWith(" over the bundled rules instead"), r.notices().get(0));
        assertEquals(PolicyLoader.bundled().routing().routes().size(), r.policy().routing().routes().size());
    }

    @Test
    void aRemoteSourceIsReadThroughThePort(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(".spotlane.yml"), "extends: { project: group/ci-policy, file: spotlane.yml }\n");
        String central = Files.readString(DIR.resolve("chain/repo/policy/base.yml"));
        RulesSource source = (project, file, ref) -> {
            assertEquals("group/ci-policy", project);
            assertEquals("spotlane.yml", file);
            assertEquals(null, ref);
            return central;
        };
        RulesChain.Result r = RulesChain.load(tmp.resolve(".spotlane.yml"), tmp, source);
        assertEquals(List.of(), r.notices());
        assertEquals(List.of("all"), r.policy().routing().routes().stream().map(Route::name).toList());
    }

    @Test
    void problemsInTheMergedDocumentPointAtTheFileAndLineThatWroteTheValue() throws Exception {
        Path c = Path.of("src/test/resources/golden/rules-merge-errors");
        Path repo = c.resolve("repo");
        PolicyException e = assertThrows(PolicyException.class,
                () -> RulesChain.load(repo.resolve(".spotlane.yml"), ".spotlane.yml", repo, null));
        Golden.assertMatches(c.resolve("expected.txt"), e.getMessage() + "\n");
        assertFalse(e.getMessage().contains("merged with"), e.getMessage());
    }

    @Test
    void anAllowlistOutOfTheRepositoryIsRefusedAtTheLineThatWroteIt(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("central.yml"), Files.readString(DIR.resolve("chain/repo/policy/base.yml")));
        Files.writeString(repo.resolve(".spotlane.yml"), "extends: central.yml\nimages:\n"
                + "  allowlist: [../secret.txt]\n");
        PolicyException e = assertThrows(PolicyException.class,
                () -> RulesChain.load(repo.resolve(".spotlane.yml"), ".spotlane.yml", repo, null));
        assertEquals(".spotlane.yml:3:15: allowlist \"../secret.txt\" is outside the repository; not read"
                + " [rules-schema]", e.getMessage());
    }
}
