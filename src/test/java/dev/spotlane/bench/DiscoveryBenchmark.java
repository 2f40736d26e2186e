package dev.spotlane.bench;

import dev.spotlane.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Image discovery over every repository of the corpus in one call, {@code spotlane images <all folders> --format
 * json}, the way the weekly AMI bake runs it over many pipelines. The target is the whole process, cold:
 * under 2 s wall. Not part of the build (no pom entry); run it after {@code mvn -o package -DskipTests} and
 * {@code mvn -o test-compile} with
 * <pre>{@code java -cp target/spotlane.jar:target/test-classes dev.spotlane.bench.DiscoveryBenchmark [CORPUS]}</pre>
 * <ul>
 *   <li>warm: {@code Main.run} in this JVM after a warm-up, output discarded (what a long-lived caller pays);</li>
 *   <li>cold: the command line to time by hand is printed; when {@code target/spotlane.jar} exists it is also run
 *       as a new process a few times ({@code -Dbench.cold=false} skips that).</li>
 * </ul>
 * Tunable with {@code -Dbench.warmup=SECONDS} (default 3), {@code -Dbench.runs=N} (warm, default 15) and
 * {@code -Dbench.coldRuns=N} (default 5).
 */
public final class DiscoveryBenchmark {
    private static final double TARGET_SECONDS = 2.0;
    private static final Path JAR = Path.of("target/spotlane.jar");

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        if (!Files.isDirectory(corpus)) {
            System.out.println("discovery benchmark: no corpus at " + corpus.toAbsolutePath().normalize()
                    + ", nothing to measure");
            return;
        }
        List<String> folders;
        try (Stream<Path> s = Files.list(corpus)) {
            folders = s.filter(d -> Files.isRegularFile(d.resolve(".gitlab-ci.yml"))).map(Path::toString).sorted()
                    .toList();
        }
        List<String> command = new ArrayList<>(List.of("images"));
        command.addAll(folders);
        command.addAll(List.of("--format", "json"));
        String[] argv = command.toArray(String[]::new);
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "3"));
        int runs = Integer.getInteger("bench.runs", 15);

        long[] first = run(argv);
        System.out.printf(Locale.ROOT, "discovery benchmark: %d repositories under %s; exit %d, %d chars of JSON,"
                        + " %d lines on stderr%n", folders.size(), corpus.toAbsolutePath().normalize(), first[0],
                first[1], first[2]);
        System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "first call in this JVM (includes class loading): %.1f ms%n", first[3] / 1e6);

        long sink = 0;
        for (long end = System.nanoTime() + (long) (warmup * 1e9); System.nanoTime() < end; ) {
            sink += run(argv)[1];
        }
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            long[] r = run(argv);
            sink += r[1];
            warm[i] = r[3] / 1e6;
        }
        print("warm, in-process Main.run", warm, "ms");

        String shell = "time java -jar " + JAR + " images " + corpus + "/*/ --format json > /dev/null";
        System.out.println("cold, whole process (run it by hand): " + shell);
        if (Files.isRegularFile(JAR) && !"false".equals(System.getProperty("bench.cold"))) {
            int coldRuns = Integer.getInteger("bench.coldRuns", 5);
            double[] cold = new double[coldRuns];
            List<String> process = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", JAR.toString()));
            process.addAll(command);
            for (int i = 0; i < coldRuns; i++) {
                long t0 = System.nanoTime();
                int code = new ProcessBuilder(process).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                cold[i] = (System.nanoTime() - t0) / 1e9;
                if (code != 0) {
                    System.out.println("  the process exited " + code);
                }
            }
            print("cold, java -jar " + JAR, cold, "s");
            Arrays.sort(cold);
            System.out.printf(Locale.ROOT, "target: whole process under %.1f s: %s%n", TARGET_SECONDS,
                    cold[cold.length / 2] < TARGET_SECONDS ? "met" : "not met");
        } else {
            System.out.println("(no " + JAR + ": build it with mvn -o package -DskipTests to time the process here)");
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println();
        }
    }

    /** One call: exit code, chars on stdout, lines on stderr, nanoseconds. */
    private static long[] run(String[] argv) {
        Counter out = new Counter();
        Counter err = new Counter();
        long t0 = System.nanoTime();
        int code = Main.run(argv, new PrintWriter(out), new PrintWriter(err));
        long nanos = System.nanoTime() - t0;
        return new long[] {code, out.chars, err.lines, nanos};
    }

    private static void print(String label, double[] values, String unit) {
        double[] s = values.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-40s median %8.2f %s  (min %.2f, max %.2f, %d runs)%n", label,
                s[s.length / 2], unit, s[0], s[s.length - 1], s.length);
    }

    /** Counts what is written and drops it. */
    private static final class Counter extends Writer {
        long chars;
        long lines;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
