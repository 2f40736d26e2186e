package dev.spotlane.cli;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run for the start-up archives that {@code bin/spotlane} uses (a class-data-sharing archive on JDK
 * 17–23, an AOT cache on JDK 24 and newer): the commands a merge request runs, on the bundled examples, in one JVM
 * so the archive holds the classes, lambdas and method handle forms of each. The argument is one example folder
 * (holding {@code .gitlab-ci.yml}) or a folder of them ({@code examples/}: each is its own repository root, with its
 * own rules when it has a {@code .spotlane.yml}). Output is discarded; the build records the archive from this run.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        File given = new File(args.length > 0 ? args[0] : "examples");
        List<File> examples = new ArrayList<>();
        if (new File(given, ".gitlab-ci.yml").isFile()) {
            examples.add(given);
        } else {
            File[] dirs = given.listFiles(d -> new File(d, ".gitlab-ci.yml").isFile());
            if (dirs != null) {
                Arrays.sort(dirs);
                examples.addAll(List.of(dirs));
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no example folder (holding .gitlab-ci.yml) in " + given);
        }
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (File dir : examples) {
            String example = dir.getPath();
            for (List<String> command : List.of(
                    List.of("lint", "--root", example, example),
                    List.of("lint", "--format", "codequality", "--root", example, example),
                    List.of("fix", "--check", "--root", example, example),
                    List.of("images", "--root", example, example),
                    List.of("preview", "--root", example, example))) {
                Main.run(command.toArray(String[]::new), sink, sink);
            }
        }
        // and end as the command line does: on JDK 21 and newer Runtime.exit logs (JDK-8301627), which starts the
        // platform logging classes, so they belong in the archive too
        System.exit(0);
    }
}
