package dev.spotlane.bench;

import dev.spotlane.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code lint} and {@code fix --diff} on one generated {@code .gitlab-ci.yml} of 1,000, 2,000, 4,000 and 8,000 jobs
 * (each with an image, two services, tags and a script; a quarter without tags so fix has work), through the command
 * line in process. Prints wall and CPU time (of the thread running the command; the growth uses CPU time, which a
 * loaded machine disturbs less) per job for each size and the growth ratio from one size to the next, divided by
 * the growth in jobs: 1.0 is linear, issue 15 asks for at most 1.2. Warm (one untimed run of each size first); each
 * figure is the median of three runs ({@code -Dscale.runs=1}: one run, the first size warmed up once; {@code -Dscale.commands=fix}: one command). Run with {@code mvn -Pbench -DskipTests verify} or
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.spotlane.bench.ScaleBenchmark [sizes...]}.
 */
public final class ScaleBenchmark {
    /** CPU time of this thread: on a shared, loaded runner wall time says more about the neighbours. */
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private ScaleBenchmark() {
    }

    /** A pipeline of {@code jobs} jobs; every fourth job has no tags, so routing and fix have work to do. */
    public static String pipeline(int jobs) {
        StringBuilder b = new StringBuilder("stages: [build, test, deploy]\n\nvariables:\n  GLOBAL: \"1\"\n\n");
        b.append(".base:\n  before_script: [echo base]\n  retry: 1\n\n");
        for (int i = 0; i < jobs; i++) {
            b.append("job-").append(i).append(":\n");
            b.append("  stage: ").append(i % 3 == 0 ? "build" : i % 3 == 1 ? "test" : "deploy").append('\n');
            b.append("  extends: .base\n");
            b.append("  image: registry.example.com/team/app-").append(i % 50).append(":1.").append(i % 7)
                    .append('\n');
            b.append("  services:\n    - postgres:16.").append(i % 4).append("\n    - name: redis:7\n      alias: cache\n");
            if (i % 4 != 0) {
                b.append("  tags: [cloud, t4g]\n");
            }
            b.append("  script:\n    - make step-").append(i).append("\n    - echo done\n\n");
        }
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length > 0 && !args[0].contains("/")
                ? Stream.of(args).mapToInt(Integer::parseInt).toArray() : new int[] {1000, 2000, 4000, 8000};
        Path dir = Files.createTempDirectory("spotlane-scale");
        try {
            for (String command : System.getProperty("scale.commands", "lint,fix").split(",")) {
                double[] perJob = new double[sizes.length];
                for (int s = 0; s < sizes.length; s++) {
                    Path project = dir.resolve(command + sizes[s]);
                    Files.createDirectories(project);
                    String text = pipeline(sizes[s]);
                    Files.writeString(project.resolve(".gitlab-ci.yml"), text);
                    int runs = Integer.getInteger("scale.runs", 3);
                    if (runs > 1 || s == 0) {
                        run(command, project); // warm-up (with one run per size, the first size only: JIT)
                    }
                    double[] ms = new double[runs];
                    double[] cpu = new double[runs];
                    for (int r = 0; r < ms.length; r++) {
                        long t0 = System.nanoTime();
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        run(command, project);
                        cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                        ms[r] = (System.nanoTime() - t0) / 1e6;
                    }
                    java.util.Arrays.sort(ms);
                    java.util.Arrays.sort(cpu);
                    perJob[s] = cpu[runs / 2] / sizes[s];
                    String growth = s == 0 ? "" : String.format(Locale.ROOT, ", growth %.2fx linear",
                            perJob[s] / perJob[s - 1]);
                    System.out.printf(Locale.ROOT,
                            "%s %5d jobs (%4.0f KB): %8.1f ms wall, %8.1f ms cpu, %.3f ms cpu/job%s%n",
                            command, sizes[s], text.length() / 1024.0, ms[runs / 2], cpu[runs / 2], perJob[s], growth);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String command, Path project) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = command.equals("fix") ? new String[] {"fix", project.toString(), "--diff"}
                : new String[] {"lint", project.toString()};
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        if (code > 1) {
            throw new IllegalStateException(command + " exit " + code + ": " + err);
        }
    }
}
