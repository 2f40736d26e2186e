package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A fresh JVM of the running JDK on the test class path: how the start-up tests run spotlane as a user's process
 * would, with its own flags, environment and streams. Output goes to files in a test's folder (no pipe to fill).
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** What a run left: its exit code, standard output and standard error. */
    record Run(int code, String out, String err) {
    }

    /** As {@link #run(Path, List, Class, List, Consumer, int)}, allowed two minutes. */
    static Run run(Path dir, List<String> flags, Class<?> main, List<String> args,
                   Consumer<Map<String, String>> env) throws Exception {
        return run(dir, flags, main, args, env, 120);
    }

    /**
     * Runs {@code main} with {@code args} in a new JVM started with {@code flags}; fails the test when it does not end
     * within {@code seconds}.
     *
     * @param dir  where its output files go (a test's temporary folder)
     * @param env  changes to the inherited environment
     */
    static Run run(Path dir, List<String> flags, Class<?> main, List<String> args,
                   Consumer<Map<String, String>> env, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            env.accept(pb.environment());
            Process p = pb.start();
            assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "the child JVM ended: " + cmd);
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
