package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spotlane.policy.Mirror;
import dev.spotlane.registry.OciLayout;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code config.yml} run by a real CNCF Distribution (Debian's {@code docker-registry}) as the mirror of
 * a second one, the "upstream", both on loopback: an image pushed upstream with skopeo is pulled through the mirror;
 * with the upstream stopped, the same image is still served by tag and by digest from the cache, and an image never
 * pulled is not. Skips without docker-registry or skopeo, except in CI ({@code CI=true}), where .ci/run installs them.
 */
class MirrorRegistryTest {
    private final List<Process> registries = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsTheRealParts() {
        boolean present = onPath("docker-registry") && onPath("skopeo");
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("docker-registry and skopeo are needed in CI (.ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "docker-registry or skopeo not installed: skipping the real mirror test"
                + " (apt-get install docker-registry skopeo)");
    }

    @AfterEach
    void stop() {
        registries.forEach(Process::destroyForcibly);
    }

    @Test
    void theGeneratedMirrorServesCachedImagesByTagAndDigestWhenTheUpstreamIsDown() throws Exception {
        int upstreamPort = freePort();
        Process upstream = start("upstream", "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + tmp.resolve("upstream-data") + "\nhttp:\n  addr: 127.0.0.1:" + upstreamPort
                + "\n", upstreamPort);
        int mirrorPort = freePort();
        Mirror.RegistryMirror mirror = new Mirror.RegistryMirror("http://127.0.0.1:" + upstreamPort,
                "http://127.0.0.1:" + mirrorPort, "127.0.0.1:" + mirrorPort, tmp.resolve("cache").toString(),
                "168h", null, null, null, null);
        // the mirror checks its upstream when it starts, so it comes second
        start("mirror", MirrorConfig.distributionConfig(mirror, "test rules"), mirrorPort);

        OciLayout image = new OciLayout(tmp.resolve("image"));
        OciLayout.Descriptor pushed = image.image("linux", "arm64", null);
        image.tag("1.0", pushed);
        String digest = pushed.digest();
        OciLayout neverPulled = new OciLayout(tmp.resolve("never"));
        neverPulled.tag("1", neverPulled.image("linux", "amd64", null));
        skopeo("copy", "--dest-tls-verify=false", "oci:" + tmp.resolve("image") + ":1.0",
                "docker://127.0.0.1:" + upstreamPort + "/library/hello:1.0");
        skopeo("copy", "--dest-tls-verify=false", "oci:" + tmp.resolve("never") + ":1",
                "docker://127.0.0.1:" + upstreamPort + "/library/never:1");

        String via = "docker://127.0.0.1:" + mirrorPort + "/library/hello";
        assertEquals(digest, pulledDigest(via + ":1.0", "first"), "pulled through the mirror");

        // the proxy stores what it served in the background: wait until every blob is in its cache (bounded)
        awaitCached(tmp.resolve("image"), tmp.resolve("cache"));
        upstream.destroy();
        assertTrue(upstream.waitFor(10, TimeUnit.SECONDS), "upstream stopped");
        assertEquals(digest, pulledDigest(via + ":1.0", "by-tag"), "by tag from the cache");
        assertEquals(digest, pulledDigest(via + "@" + digest, "by-digest"), "by digest from the cache");
        Result never = skopeoResult("copy", "--src-tls-verify=false",
                "docker://127.0.0.1:" + mirrorPort + "/library/never:1", "oci:" + tmp.resolve("out-never") + ":x");
        assertNotEquals(0, never.code(), "an image never pulled through the mirror is not in its cache");
        Result push = skopeoResult("copy", "--dest-tls-verify=false", "oci:" + tmp.resolve("image") + ":1.0",
                "docker://127.0.0.1:" + mirrorPort + "/library/pushed:1");
        assertNotEquals(0, push.code(), "a proxy registry refuses pushes");
    }

    /** Waits until the mirror's filesystem storage holds every blob of the image layout (at most 30 s). */
    private static void awaitCached(Path layout, Path cache) throws Exception {
        List<String> blobs;
        try (var s = Files.list(layout.resolve("blobs/sha256"))) {
            blobs = s.map(p -> p.getFileName().toString()).toList();
        }
        for (int i = 0; i < 300; i++) {
            if (blobs.stream().allMatch(b -> Files.isRegularFile(cache.resolve("docker/registry/v2/blobs/sha256")
                    .resolve(b.substring(0, 2)).resolve(b).resolve("data")))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the mirror did not store " + blobs + " within 30 s");
    }

    /** Pulls into an OCI layout and returns the digest of the manifest it stored. */
    private String pulledDigest(String ref, String name) throws Exception {
        Path out = tmp.resolve("out-" + name);
        skopeo("copy", "--src-tls-verify=false", ref, "oci:" + out + ":x");
        String index = Files.readString(out.resolve("index.json"));
        int at = index.indexOf("\"digest\":\"") + "\"digest\":\"".length();
        return index.substring(at, index.indexOf('"', at));
    }

    private Process start(String name, String config, int port) throws Exception {
        Path file = tmp.resolve(name + ".yml");
        Files.writeString(file, config);
        Process p = new ProcessBuilder("docker-registry", "serve", file.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile()).start();
        registries.add(p);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 200; i++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!p.isAlive()) {
                fail(name + " registry exited: " + Files.readString(tmp.resolve(name + ".log")));
            }
            Thread.sleep(100);
        }
        fail(name + " registry did not answer on port " + port + ": " + Files.readString(tmp.resolve(name + ".log")));
        return p;
    }

    private record Result(int code, String output) {
    }

    private Result skopeoResult(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "skopeo ended");
        return new Result(p.exitValue(), out);
    }

    private void skopeo(String... args) throws Exception {
        Result r = skopeoResult(args);
        assertEquals(0, r.code(), "skopeo " + String.join(" ", args) + ": " + r.output());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
