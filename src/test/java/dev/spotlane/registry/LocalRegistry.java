package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.mindrot.jbcrypt.BCrypt;

/**
 * A real CNCF Distribution registry (Debian's {@code docker-registry}) on a free 127.0.0.1 port, storing in a temp
 * folder, optionally behind htpasswd basic auth; images are pushed to it with {@code skopeo}. When either tool is
 * missing the test is skipped with a message, except under {@code CI=true}, where it fails ({@code .ci/run}
 * installs both).
 */
public final class LocalRegistry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;
    private final String user;
    private final String password;

    private LocalRegistry(Process process, int port, Path dir, String user, String password) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.user = user;
        this.password = password;
    }

    /** Skips (or, under CI, fails) the calling test unless docker-registry and skopeo are on the PATH. */
    public static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("docker-registry", "skopeo")) {
            if (which(tool) == null) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = String.join(" and ", missing) + " not found on PATH: the real-registry tests need them"
                + " (apt-get install -y docker-registry skopeo; .ci/run does it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI must not skip them");
        }
        Assumptions.abort(message + ": skipped");
    }

    static Path which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts a registry.
     *
     * @param dir      a temp folder for its config, storage and log
     * @param user     the htpasswd user, or null for an open registry
     * @param password the user's password
     */
    public static LocalRegistry start(Path dir, String user, String password) throws IOException,
            InterruptedException {
        requireTools();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path storage = Files.createDirectories(dir.resolve("storage"));
        StringBuilder config = new StringBuilder("""
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage, port));
        if (user != null) {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, user + ":" + BCrypt.hashpw(password, BCrypt.gensalt(5)) + "\n");
            config.append("""
                    auth:
                      htpasswd:
                        realm: spotlane-test
                        path: %s
                    """.formatted(htpasswd));
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config);
        Process p = new ProcessBuilder(which("docker-registry").toString(), "serve", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(p, port, dir, user, password);
        registry.awaitReady();
        return registry;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        fail("docker-registry did not answer /v2/ within 30 s: " + log());
    }

    /** The registry as an image reference names it: {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Pushes {@code oci:layout:ref} (all its platforms) to {@code host()/name}. */
    public void push(Path layout, String ref, String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(which("skopeo").toString(), "--insecure-policy", "copy", "--all",
                "--quiet", "--dest-tls-verify=false"));
        if (user != null) {
            cmd.add("--dest-creds=" + user + ":" + password);
        }
        cmd.add("oci:" + layout + ":" + ref);
        cmd.add("docker://" + host() + "/" + name);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("skopeo.log").toFile());
        pb.environment().put("REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("skopeo copy did not finish within 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "skopeo copy " + ref + " -> " + name + " failed: "
                + read(dir.resolve("skopeo.log")));
    }

    private String log() {
        return read(dir.resolve("registry.log"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
