package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci/ami/bake-pull.sh} run by /bin/sh with a fake {@code docker} on the PATH that records its arguments, its
 * standard input and its DOCKER_CONFIG: every private registry of the list is logged into the way it must be, no
 * password ever appears among a process's arguments or in the output, and the temporary Docker configuration is
 * gone when the script ends, also when a pull fails.
 */
class BakePullScriptTest {
    private static final Path SCRIPT = Path.of("ci/ami/bake-pull.sh");
    private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String ECR_PASSWORD = "eyJwYXlsb2FkIjoiRUNSLXNlY3JldCJ9";
    private static final String JOB_PASSWORD = "glcbt-64_JobTokenSecretValue";

    @TempDir
    Path tmp;

    private record Ran(int code, String output, String calls) {
    }

    private Ran run(Map<String, String> env, boolean failPull) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                # one line per call: the arguments, then what came on stdin for a login, then the config it saw
                if [ "$1" = login ]; then stdin=$(cat); else stdin=-; fi
                printf 'ARGS %s | STDIN %s | CONFIG %s\\n' "$*" "$stdin" "$(cat "$DOCKER_CONFIG/config.json")" >> "$CALLS"
                printf '%s\\n' "$DOCKER_CONFIG" > "$CALLS.dir"
                if [ "$1" = pull ] && [ -n "${FAIL_PULL:-}" ]; then exit 1; fi
                exit 0
                """);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path calls = tmp.resolve("calls.log");
        Files.deleteIfExists(calls);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", SCRIPT.toString()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", bin + ":/usr/bin:/bin");
        e.put("TMPDIR", Files.createDirectories(tmp.resolve("t")).toString());
        e.put("CALLS", calls.toString());
        if (failPull) {
            e.put("FAIL_PULL", "1");
        }
        e.putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out, Files.exists(calls) ? Files.readString(calls) : "");
    }

    private Map<String, String> env() {
        Map<String, String> e = new HashMap<>();
        e.put("IMAGES", "docker.io/library/golang:1.26 " + ECR + "/tools/builder:2 registry.example.com/g/p/app:1 "
                + "ghcr.io/o/tool:3");
        e.put("REGISTRIES", "docker.io " + ECR + " ghcr.io registry.example.com");
        e.put("ECR_LOGINS", "us-east-1 other\neu-west-1 " + ECR_PASSWORD + "\n");
        e.put("GITLAB_REGISTRY", "registry.example.com");
        e.put("GITLAB_REGISTRY_USER", "gitlab-ci-token");
        e.put("GITLAB_REGISTRY_PASSWORD", JOB_PASSWORD);
        e.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"ghcr.io\":{\"auth\":\"b3duZXI6Z2hwX3NlY3JldA==\"}}}");
        return e;
    }

    @Test
    void privateRegistriesAreLoggedIntoThroughStdinAndEveryImageIsPulledForArm64() throws Exception {
        Ran r = run(env(), false);
        assertEquals(0, r.code(), r.output());
        List<String> calls = r.calls().lines().toList();
        assertEquals("ARGS login --username AWS --password-stdin " + ECR + " | STDIN " + ECR_PASSWORD
                + " | CONFIG {\"auths\":{\"ghcr.io\":{\"auth\":\"b3duZXI6Z2hwX3NlY3JldA==\"}}}", calls.get(0),
                "ECR with the password of its region, on top of DOCKER_AUTH_CONFIG's auths");
        assertTrue(calls.get(1).startsWith("ARGS login --username gitlab-ci-token --password-stdin"
                + " registry.example.com | STDIN " + JOB_PASSWORD + " |"), calls.get(1));
        assertEquals(2, calls.stream().filter(c -> c.startsWith("ARGS login")).count(),
                "Docker Hub and ghcr.io: no login (the mirror, DOCKER_AUTH_CONFIG)");
        for (String image : env().get("IMAGES").split(" ")) {
            assertTrue(calls.stream().anyMatch(c -> c.startsWith("ARGS pull --platform linux/arm64 " + image + " ")),
                    image + " in " + calls);
        }
        for (String c : calls) {
            String args = c.substring(0, c.indexOf(" | STDIN"));
            assertFalse(args.contains(ECR_PASSWORD) || args.contains(JOB_PASSWORD), "a password on a command line: "
                    + c);
        }
        assertFalse(r.output().contains(ECR_PASSWORD) || r.output().contains(JOB_PASSWORD), r.output());
        assertTrue(r.output().contains("bake: logged in to " + ECR + " (ECR)"), r.output());
        assertGone();
    }

    @Test
    void aMissingEcrLoginFailsBeforeAnyPullAndAFailedPullFailsTheBake() throws Exception {
        Map<String, String> e = env();
        e.put("ECR_LOGINS", "us-east-1 other\n");
        Ran r = run(e, false);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("no ECR login for " + ECR + " (region eu-west-1)"), r.output());
        assertFalse(r.calls().contains("ARGS pull"), r.calls());

        Ran failed = run(env(), true);
        assertEquals(1, failed.code(), failed.output());
        assertEquals(1, failed.calls().lines().filter(c -> c.startsWith("ARGS pull")).count(), "stops at once");
        assertGone();
    }

    /** No temporary Docker configuration is left behind. */
    private void assertGone() throws IOException {
        String dir = Files.readString(tmp.resolve("calls.log.dir")).strip();
        assertFalse(Files.exists(Path.of(dir)), dir + " is left");
        try (Stream<Path> s = Files.list(tmp.resolve("t"))) {
            assertEquals(List.of(), s.toList());
        }
    }
}
