package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The reading and writing gate of issue 15, below the command line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatLiesAboutItsSizeIsCutAtTheLimit() {
        // procfs reports size 0 and then gives bytes: the read must stop at limit + 1, whatever the size said
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.exists(status), "no procfs: skipped");
        SafeFiles.RefusedException e = assertThrows(SafeFiles.RefusedException.class,
                () -> SafeFiles.read(status, "status", 16));
        assertEquals("status: is larger than the limit, over the limit of 16 bytes; not read", e.getMessage());
    }

    @Test
    void aDirectoryIsNotRead() {
        SafeFiles.RefusedException e = assertThrows(SafeFiles.RefusedException.class,
                () -> SafeFiles.read(dir, "ci"));
        assertEquals("ci: is a directory, not a regular file; not read", e.getMessage());
    }

    @Test
    void aFileAtTheLimitIsRead() throws IOException {
        Path f = Files.writeString(dir.resolve("a.yml"), "0123456789");
        assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), SafeFiles.read(f, "a.yml", 10));
        assertEquals("a.yml: is 10 bytes, over the limit of 9 bytes; not read",
                assertThrows(SafeFiles.RefusedException.class, () -> SafeFiles.read(f, "a.yml", 9)).getMessage());
    }

    @Test
    void confineRefusesDotDotAndLinksButFollowsLinksInside() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path out = Files.writeString(dir.resolve("secret"), "x");
        Files.writeString(repo.resolve("real.yml"), "a: 1\n");
        Files.createSymbolicLink(repo.resolve("in.yml"), Path.of("real.yml"));
        Files.createSymbolicLink(repo.resolve("out.yml"), out);
        assertEquals(repo.resolve("real.yml").toRealPath(), SafeFiles.confine(repo, repo.resolve("in.yml"), "in"));
        assertEquals("out: links outside the repository; not read", assertThrows(SafeFiles.RefusedException.class,
                () -> SafeFiles.confine(repo, repo.resolve("out.yml"), "out")).getMessage());
        assertEquals("../secret: is outside the repository; not read", assertThrows(SafeFiles.RefusedException.class,
                () -> SafeFiles.confine(repo, repo.resolve("../secret"), "../secret")).getMessage());
    }

    @Test
    void aFifoIsWrittenThroughNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available: skipped");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                return "failed: " + e;
            }
        });
        assertEquals(SafeFiles.Outcome.THROUGH, SafeFiles.write(fifo, "report\n".getBytes(StandardCharsets.UTF_8),
                SafeFiles.WriteOptions.of(null, false)));
        assertEquals("report\n", reader.get(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO was replaced by a file");
    }

    @Test
    void aNewFileGetsTheUsualMode() throws IOException {
        Path f = dir.resolve("new.txt");
        assertEquals(SafeFiles.Outcome.CREATED, SafeFiles.write(f, new byte[] {'x'},
                SafeFiles.WriteOptions.of(null, false)));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f)));
    }
}
