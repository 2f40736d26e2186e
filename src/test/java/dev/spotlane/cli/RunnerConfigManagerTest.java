package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runner-config --manager --write-dir --runner-version}: what is written, and the exits of bad input. */
class RunnerConfigManagerTest {
    private static final String RULES = "src/test/resources/golden/fleet/manager/rules.yml";

    @TempDir
    Path tmp;

    private static ImagesCommandTest.Run run(String... args) {
        return ImagesCommandTest.run(args);
    }

    @Test
    void writesEveryFileOfTheKindWithSecretsForTheOwnerOnly() throws Exception {
        Path dir = tmp.resolve("manager");
        ImagesCommandTest.Run r = run("runner-config", "--rules", RULES, "--manager", "kubernetes", "--write-dir",
                dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "with --write-dir, config.toml goes to the folder only");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("config.toml", "configmap.yaml", "deployment.yaml", "kustomization.yaml",
                    "namespace.yaml", "secret.yaml", "worker-ssh-rule.sh"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve("secret.yaml"))));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve("worker-ssh-rule.sh"))));
        }
        assertTrue(r.err().contains("spotlane: to do: secret.yaml: replace every REPLACE_ME"), r.err());
        assertTrue(r.err().contains("spotlane: to do: worker-ssh-rule.sh admits MANAGER_CIDR"), r.err());
    }

    @Test
    void theOptionWinsOverTheRulesAndUseExternalAddrFollows() {
        ImagesCommandTest.Run ec2 = run("runner-config", "--rules", RULES, "--manager", "ec2");
        assertEquals(0, ec2.code(), ec2.err());
        assertTrue(ec2.out().contains("use_external_addr = false  # the manager runs inside the VPC"), ec2.out());
        ImagesCommandTest.Run home = run("runner-config", "--rules", RULES, "--manager", "systemd");
        assertTrue(home.out().contains("use_external_addr = true  # the manager runs outside the VPC"), home.out());
    }

    @Test
    void badInputExitsTwoWithOneClearLine() {
        ImagesCommandTest.Run old = run("runner-config", "--rules", RULES, "--runner-version", "17.5");
        assertEquals(2, old.code());
        assertTrue(old.err().contains("spotlane: GitLab Runner 17.5 is too old for this config.toml: runner tokens"
                + " read from the environment (token = \"${SPOTLANE_RUNNER_TOKEN_T4G}\") came in 18.10.0"), old.err());
        assertEquals("", old.out());
        ImagesCommandTest.Run kind = run("runner-config", "--rules", RULES, "--manager", "docker");
        assertEquals(2, kind.code());
        assertTrue(kind.err().contains("--manager must be systemd, kubernetes or ec2, got \"docker\""), kind.err());
        ImagesCommandTest.Run version = run("runner-config", "--rules", RULES, "--runner-version", "latest");
        assertEquals(2, version.code());
        ImagesCommandTest.Run nowhere = run("runner-config", "--rules", RULES, "--write-dir",
                tmp.resolve("x").toString());
        assertEquals(2, nowhere.code());
        assertTrue(nowhere.err().contains("where the manager runs is not set"), nowhere.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }

    @Test
    void theRulesVersionIsCheckedAtItsLine() throws Exception {
        Path rules = tmp.resolve("rules.yml");
        Files.writeString(rules, Files.readString(Path.of(RULES)).replace("\"18.11.2\"", "\"17.11\""));
        ImagesCommandTest.Run r = run("runner-config", "--rules", rules.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(rules + ":21:21: fleet.manager.runner_version: GitLab Runner 17.11 is too old"),
                r.err());
        assertEquals(0, run("runner-config", "--rules", rules.toString(), "--runner-version", "18.10").code(),
                "the option wins");
    }

    @Test
    void aContradictionWithTheRulesNamesTheirLine() throws Exception {
        Path rules = tmp.resolve("rules.yml");
        Files.writeString(rules, Files.readString(Path.of(RULES)).replace("  connector: { username: ec2-user }",
                "  connector: { username: ec2-user, use_external_addr: true }"));
        ImagesCommandTest.Run r = run("runner-config", "--rules", rules.toString(), "--manager", "ec2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(rules + ":19:55: use_external_addr: true contradicts the manager inside the VPC"
                + " (--manager ec2)"), r.err());
    }
}
