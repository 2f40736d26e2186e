package dev.spotlane.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run for the start-up archives that {@code bin/spotlane} uses (a class-data-sharing archive on JDK
 * 17–23, an AOT cache on JDK 24 and newer): the commands a merge request runs, on a bundled example, in one JVM so
 * the archive holds the classes of each. Output is discarded; the build records the archive from this run.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        String example = args.length > 0 ? args[0] : "examples/demo";
        if (!Path.of(example).toFile().isDirectory()) {
            throw new IllegalArgumentException("no example folder " + example);
        }
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (List<String> command : List.of(
                List.of("lint", example),
                List.of("lint", "--format", "codequality", example),
                List.of("fix", "--check", example),
                List.of("images", example),
                List.of("preview", example))) {
            Main.run(command.toArray(String[]::new), sink, sink);
        }
    }
}
