package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spotlane.policy.Manager;
import dev.spotlane.policy.YamlJson;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's files read by the real tools that will read them: {@code systemd-analyze verify} for the unit (an
 * unknown key or a bad value is a warning it prints), {@code kubectl kustomize} for the Kubernetes folder. Skips
 * when a tool is missing, except in CI ({@code CI=true}), where {@code .ci/run} installs them (Debian's
 * {@code systemd} and {@code kubernetes-client}).
 */
class ManagerToolsTest {
    @TempDir
    Path tmp;

    private static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(name + " is needed in CI (.ci/run installs it)");
        }
        Assumptions.assumeTrue(false, name + " is not installed: the generated file is checked by parsers only");
        return null;
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran run(Path dir, String... command) throws Exception {
        Path out = dir.resolve(".out");
        Path err = dir.resolve(".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitsWithoutAWarning() throws Exception {
        Path analyze = tool("systemd-analyze");
        // the unit names /usr/bin/gitlab-runner, which this machine does not have: a stand-in at a path of ours
        Path runner = tmp.resolve("gitlab-runner");
        Files.writeString(runner, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(runner, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Manager.Kind kind : List.of(Manager.Kind.SYSTEMD, Manager.Kind.EC2)) {
            Path unit = tmp.resolve(kind.label() + "-" + SystemdManager.UNIT);
            Files.writeString(unit, ManagerFilesTest.files(kind).files().get(SystemdManager.UNIT)
                    .replace("/usr/bin/gitlab-runner", runner.toString()), StandardCharsets.UTF_8);
            Ran r = run(tmp, analyze.toString(), "verify", unit.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err().strip(), kind + ": systemd-analyze warns");
        }
    }

    @Test
    void kubectlKustomizeBuildsTheFourObjects() throws Exception {
        Path kubectl = tool("kubectl");
        Path dir = tmp.resolve("manager");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : ManagerFilesTest.files(Manager.Kind.KUBERNETES).files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Ran r = run(tmp, kubectl.toString(), "kustomize", dir.toString());
        assertEquals(0, r.code(), r.err());
        ParseResult parsed = new YamlParser().parse("kustomized.yaml", r.out());
        assertTrue(parsed.ok(), () -> String.valueOf(parsed.error()));
        List<String> kinds = new ArrayList<>();
        parsed.file().documents().forEach(d -> kinds.add(YamlJson.toJson(d.root()).path("kind").asString()));
        assertEquals(List.of("ConfigMap", "Deployment", "Namespace", "Secret"), kinds.stream().sorted().toList());
    }
}
