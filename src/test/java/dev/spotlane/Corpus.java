package dev.spotlane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-world pipelines in {@code ../shared/corpus} (system property {@code spotlane.corpus}). They are other
 * projects' files: tests read them in place and skip when the folder is absent.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("spotlane.corpus", "../shared/corpus"));
    }

    /** Every {@code *.yml}/{@code *.yaml} file, sorted; skips the calling test when there is no corpus. */
    public static List<Path> yamlFiles() throws IOException {
        Path dir = dir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "corpus not found at " + dir.toAbsolutePath()
                + ": skipped (set -Dspotlane.corpus=DIR to run it)");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    /** A corpus file's path relative to the corpus folder, for test names. */
    public static String name(Path file) {
        return dir().relativize(file).toString().replace('\\', '/');
    }
}
