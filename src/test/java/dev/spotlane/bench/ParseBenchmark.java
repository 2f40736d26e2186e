package dev.spotlane.bench;

import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlDocument;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Parse throughput of {@link YamlParser} against bare snakeyaml-engine composition, over a folder of real pipelines
 * held in memory. Run with {@code mvn -Pbench -DskipTests verify} (folder {@code ../shared/corpus}) or
 * {@code java -cp <test classpath> dev.spotlane.bench.ParseBenchmark DIR}.
 *
 * <p>Three workloads run over the same strings, interleaved pass by pass (the order rotates) so that drift in the
 * machine's speed hits all of them alike:
 * <ol>
 *   <li>spotlane: {@code new YamlParser().parse(new Source(name, text))}, the lossless positioned tree;</li>
 *   <li>bare: snakeyaml-engine {@code Compose.composeAllFromString} with comments off, fully iterated: the
 *       baseline the target (spotlane within 1.5x of bare) is measured against;</li>
 *   <li>the same composition with comments on, for reference.</li>
 * </ol>
 * A warm-up comes first, then a fixed number of rounds; each figure is the median over rounds, with min and max.
 * Tunable with {@code -Dbench.warmup=SECONDS}, {@code -Dbench.rounds=N}, {@code -Dbench.round=SECONDS} (time per
 * workload per round). The defaults (3 s, 5 rounds, 2 s) take about 35 s.
 */
public final class ParseBenchmark {
    private static final double TARGET = 1.5;
    private static final int MAX_ALIASES = 10_000;

    private ParseBenchmark() {
    }

    /** One file held in memory. */
    private record Input(String name, String text, long utf8Bytes) {
    }

    /** One way of parsing a file; returns something derived from the result, so the work cannot be dropped. */
    private interface Workload {
        long run(Input in);
    }

    private record Named(String label, Workload workload) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        if (!Files.isDirectory(dir)) {
            System.out.println("parse benchmark: no corpus at " + dir.toAbsolutePath().normalize()
                    + ", nothing to measure (pass a folder of .yml/.yaml files as the first argument)");
            return;
        }
        double warmupSeconds = Double.parseDouble(System.getProperty("bench.warmup", "3"));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "5"));
        double roundSeconds = Double.parseDouble(System.getProperty("bench.round", "2"));

        YamlParser parser = new YamlParser();
        LoadSettings bareSettings = LoadSettings.builder().setMaxAliasesForCollections(MAX_ALIASES).build();
        LoadSettings commentSettings = LoadSettings.builder().setMaxAliasesForCollections(MAX_ALIASES)
                .setParseComments(true).build();
        List<Named> workloads = List.of(
                new Named("spotlane YamlParser.parse", in -> spotlane(parser, in)),
                new Named("snakeyaml compose, bare", in -> compose(bareSettings, in)),
                new Named("snakeyaml compose, comments on", in -> compose(commentSettings, in)));

        List<Input> inputs = load(dir, workloads);
        if (inputs.isEmpty()) {
            System.out.println("parse benchmark: no parseable .yml/.yaml files under "
                    + dir.toAbsolutePath().normalize() + ", nothing to measure");
            return;
        }
        long bytes = inputs.stream().mapToLong(Input::utf8Bytes).sum();
        System.out.printf(Locale.ROOT, "parse benchmark: %d files, %.3f MB (UTF-8) from %s%n", inputs.size(),
                bytes / 1e6, dir.toAbsolutePath().normalize());
        System.out.printf(Locale.ROOT, "java %s, %d cpus; warm-up %.0f s, %d rounds of ~%.1f s per workload,"
                        + " passes interleaved%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), warmupSeconds, rounds, roundSeconds);

        long sink = 0;
        int n = workloads.size();

        // warm-up: every workload runs until the warm-up time is spent
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int pass = 0; System.nanoTime() < warmEnd; pass++) {
            for (int k = 0; k < n; k++) {
                sink += pass(workloads.get((pass + k) % n).workload(), inputs);
            }
        }

        // measurement: seconds per pass over all files, per workload and round
        double[][] secondsPerPass = new double[n][rounds];
        long roundNanos = (long) (roundSeconds * 1e9);
        for (int r = 0; r < rounds; r++) {
            long[] nanos = new long[n];
            int[] passes = new int[n];
            for (int pass = 0; min(nanos) < roundNanos; pass++) {
                for (int k = 0; k < n; k++) {
                    int w = (pass + k) % n;
                    long t0 = System.nanoTime();
                    sink += pass(workloads.get(w).workload(), inputs);
                    nanos[w] += System.nanoTime() - t0;
                    passes[w]++;
                }
            }
            for (int w = 0; w < n; w++) {
                secondsPerPass[w][r] = nanos[w] / 1e9 / passes[w];
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-32s %28s %28s%n", "", "files/s  median (min..max)",
                "MB/s  median (min..max)");
        for (int w = 0; w < n; w++) {
            double[] s = secondsPerPass[w];
            System.out.printf(Locale.ROOT, "%-32s %28s %28s%n", workloads.get(w).label(),
                    rate(inputs.size(), s, "%.0f"), rate(bytes / 1e6, s, "%.2f"));
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = secondsPerPass[0][r] / secondsPerPass[1][r];
        }
        double ratio = median(secondsPerPass[0]) / median(secondsPerPass[1]);
        System.out.println();
        System.out.printf(Locale.ROOT, "spotlane / bare time: %.2fx (per round %.2fx..%.2fx)%n", ratio,
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0));
        System.out.printf(Locale.ROOT, "comments on / bare time: %.2fx%n",
                median(secondsPerPass[2]) / median(secondsPerPass[1]));
        System.out.println("target " + TARGET + "x: " + (ratio <= TARGET ? "met" : "not met"));
        System.out.println("(checksum " + sink + ")");
    }

    /** Reads every .yml/.yaml file; files that either parser refuses are left out so all workloads see the same. */
    private static List<Input> load(Path dir, List<Named> workloads) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
        List<Input> inputs = new ArrayList<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Input in = new Input(name, text, text.getBytes(StandardCharsets.UTF_8).length);
            String refused = null;
            for (Named w : workloads) {
                try {
                    if (w.workload().run(in) < 0) {
                        refused = w.label() + " reported an error";
                    }
                } catch (RuntimeException e) {
                    refused = w.label() + ": " + e.getClass().getSimpleName();
                }
                if (refused != null) {
                    break;
                }
            }
            if (refused == null) {
                inputs.add(in);
            } else {
                System.out.println("left out " + name + " (" + refused + ")");
            }
        }
        return inputs;
    }

    private static long pass(Workload w, List<Input> inputs) {
        long sum = 0;
        for (Input in : inputs) {
            sum += w.run(in);
        }
        return sum;
    }

    /** Documents + comments + where each root ends; -1 when the parser reported an error. */
    private static long spotlane(YamlParser parser, Input in) {
        ParseResult result = parser.parse(new Source(in.name(), in.text()));
        if (!result.ok()) {
            return -1;
        }
        long sum = result.file().comments().size();
        for (YamlDocument d : result.file().documents()) {
            sum += 1 + (d.root() == null ? 0 : d.root().span().end());
        }
        return sum;
    }

    /** Documents + where each root ends (compose throws on a syntax error). */
    private static long compose(LoadSettings settings, Input in) {
        long sum = 0;
        for (Node node : new Compose(settings).composeAllFromString(in.text())) {
            sum += 1 + node.getEndMark().map(m -> m.getIndex()).orElse(0);
        }
        return sum;
    }

    private static long min(long[] a) {
        return Arrays.stream(a).min().orElse(0);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** {@code amount / seconds} as median (min..max) over rounds; the slowest round gives the min rate. */
    private static String rate(double amount, double[] secondsPerPass, String format) {
        double med = amount / median(secondsPerPass);
        double lo = amount / Arrays.stream(secondsPerPass).max().orElse(1);
        double hi = amount / Arrays.stream(secondsPerPass).min().orElse(1);
        return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", med, lo, hi);
    }
}
