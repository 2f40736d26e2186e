package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout script of {@code runner-config --rollout}: its golden, and the script run by /bin/sh against a fake
 * {@code aws} on the PATH that records every call and answers as the AWS CLI does with {@code --output text}. The
 * preferences follow the StartInstanceRefresh API reference (RefreshPreferences: ScaleInProtectedInstances
 * Refresh | Ignore | Wait, default Wait; StandbyInstances the same; MinHealthyPercentage 100 needs
 * MaxHealthyPercentage above 100).
 */
class AmiRolloutTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fleet/bake/rollout.sh");

    @TempDir
    Path tmp;

    private static Policy bundled() throws Exception {
        return PolicyLoader.load(Source.read(Path.of("rules/spotlane.yml")), Path.of("."));
    }

    /** A fake aws: the t4g group uses $Default of lt-0t4g, the c7g group pins version 7 of lt-0c7g. */
    private Path fakeAws() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/bin/sh
                printf '%s\\n' "$*" >> "$AWS_LOG"
                case "$1 $2" in
                  "autoscaling describe-auto-scaling-groups")
                    case "$*" in
                      *spotlane-t4g*) printf 'lt-0t4g\\t$Default\\n' ;;
                      *spotlane-c7g*) printf 'lt-0c7g\\t7\\n' ;;
                    esac ;;
                  "ec2 create-launch-template-version") echo 8 ;;
                esac
                """);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private record Ran(int code, String log, String output) {
    }

    private Ran run(String script, Map<String, String> env) throws Exception {
        Path file = tmp.resolve("rollout.sh");
        Files.writeString(file, script);
        Path log = tmp.resolve("aws.log");
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", file.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", fakeAws() + ":/usr/bin:/bin");
        pb.environment().put("AWS_LOG", log.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Ran(code, Files.exists(log) ? Files.readString(log) : "", out);
    }

    @Test
    void theScriptMatchesItsGolden() throws Exception {
        Golden.assertMatches(GOLDEN, AmiRollout.script(bundled(), "$AMI_ID"));
    }

    @Test
    void aDefaultVersionGroupGetsTheNewVersionAndARefreshThatLeavesProtectedWorkersAlone() throws Exception {
        Ran r = run(AmiRollout.script(bundled(), "$AMI_ID"), Map.of("AMI_ID", "ami-0123456789abcdef0"));
        List<String> calls = r.log().lines().toList();
        assertEquals(1, r.code(), "the pinned c7g group fails the run: " + r.output());
        assertTrue(calls.contains("ec2 create-launch-template-version --region us-east-1 --launch-template-id lt-0t4g"
                + " --source-version $Default --version-description spotlane bake ami-0123456789abcdef0"
                + " --launch-template-data {\"ImageId\":\"ami-0123456789abcdef0\"} --query"
                + " LaunchTemplateVersion.VersionNumber --output text"), r.log());
        assertTrue(calls.contains("ec2 modify-launch-template --region us-east-1 --launch-template-id lt-0t4g"
                + " --default-version 8"), r.log());
        String refresh = calls.stream().filter(c -> c.startsWith("autoscaling start-instance-refresh")).findFirst()
                .orElseThrow();
        assertTrue(refresh.contains("--auto-scaling-group-name spotlane-t4g"), refresh);
        assertTrue(refresh.contains("\"ScaleInProtectedInstances\":\"Ignore\""), refresh);
        assertTrue(refresh.contains("\"MinHealthyPercentage\":100,\"MaxHealthyPercentage\":200"), refresh);
        assertFalse(r.log().contains("lt-0c7g --source-version"), "a pinned version gets no new version");
        assertTrue(r.output().contains("group \"spotlane-c7g\" pins launch template version \"7\""), r.output());
        assertEquals(1, calls.stream().filter(c -> c.startsWith("autoscaling start-instance-refresh")).count());
    }

    @Test
    void anAmiThatIsNoAmiStopsBeforeAnyCall() throws Exception {
        Ran unset = run(AmiRollout.script(bundled(), "$AMI_ID"), Map.of());
        assertTrue(unset.code() != 0 && unset.log().isEmpty(), unset.output());
        Ran wrong = run(AmiRollout.script(bundled(), "${AMI_ID}"), Map.of("AMI_ID", "us-east-1:ami-1"));
        assertEquals(2, wrong.code(), wrong.output());
        assertEquals("", wrong.log());
    }

    @Test
    void aLiteralAmiIsWrittenInAndAnythingElseIsRefused() throws Exception {
        assertTrue(AmiRollout.script(bundled(), "ami-0123456789abcdef0").contains("ami='ami-0123456789abcdef0'"));
        assertThrows(IllegalArgumentException.class, () -> AmiRollout.script(bundled(), "ami-1; rm -rf /"));
        assertThrows(IllegalArgumentException.class, () -> AmiRollout.script(bundled(), "$(id)"));
        assertEquals("'a'\\''b'", AmiRollout.quote("a'b"));
    }
}
