package dev.spotlane.bench;

import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whole-process cost of {@code spotlane lint} against a floor: a fresh JVM that only composes the same files with
 * snakeyaml-engine ({@link FloorParse}). For the largest pipelines of a corpus (by the bytes spotlane reads for
 * them), each round runs every contender once, in a rotating order, and measures the child's CPU seconds (user +
 * system, from the shell's {@code times}) and its wall time; the table gives medians and the ratio of medians to the
 * floor's. Run with {@code mvn -Pbench -DskipTests verify} or
 * {@code java -cp <test classpath> dev.spotlane.bench.StartupBenchmark CORPUS JAR [BIN]}.
 *
 * <p>Contenders: {@code java -jar JAR lint}; {@code BIN lint} (bin/spotlane: CDS archive, C1, serial GC) on the
 * default {@code java}; the same launcher on a JDK 25 (AOT cache) when {@code -Dbench.jdk25=JAVA_HOME} names one or
 * one is found under {@code /usr/lib/jvm}; and the same for an older build when {@code -Dbench.before=DIR} names
 * its checkout (built with {@code package}, so that its start-up archives are recorded in place). Ends with the
 * issue's table: a row per pipeline, a column per launcher, the ratio of CPU medians to the floor's ("before ->
 * after" with {@code -Dbench.before}). Tunable: {@code -Dbench.rounds=N} (default 7), {@code -Dbench.pipelines=N}
 * (default 3).
 */
public final class StartupBenchmark {
    private StartupBenchmark() {
    }

    /** A pipeline: its root folder and the files spotlane reads for it. */
    private record Pipeline(Path root, List<Path> files, long bytes) {
        String label() {
            return root.getFileName() + " (" + files.size() + " files, " + Math.round(bytes / 1024.0) + " KB)";
        }
    }

    /**
     * One way of running: a label, the column of the summary table it belongs to (null for the floor), whether it
     * is the older build's, and the command line for a pipeline.
     */
    private record Contender(String label, String column, boolean before, List<String> prefix,
                             Map<String, String> env, boolean floor) {
        List<String> command(Pipeline p) {
            List<String> cmd = new ArrayList<>(prefix);
            if (floor) {
                p.files().forEach(f -> cmd.add(f.toString()));
            } else {
                cmd.add("lint");
                cmd.add(p.root().toString());
            }
            return cmd;
        }
    }

    /** CPU and wall seconds of one run. */
    private record Sample(double cpu, double wall) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        Path jar = Path.of(args.length > 1 ? args[1] : "target/spotlane.jar").toAbsolutePath();
        Path bin = Path.of(args.length > 2 ? args[2] : "bin/spotlane").toAbsolutePath();
        if (!Files.isDirectory(corpus) || !Files.isRegularFile(jar)) {
            System.out.println("startup benchmark: needs the corpus (" + corpus + ") and the jar (" + jar
                    + "): nothing to measure");
            return;
        }
        int rounds = Integer.getInteger("bench.rounds", 7);
        List<Pipeline> pipelines = largest(corpus, Integer.getInteger("bench.pipelines", 3));
        List<Contender> contenders = contenders(jar, bin);
        System.out.println("startup benchmark: " + rounds + " rounds, CPU seconds (user+sys) and wall seconds,"
                + " medians; ratio = median / floor's median");
        Map<Pipeline, Map<Contender, Double>> cpuRatios = new LinkedHashMap<>();
        for (Pipeline p : pipelines) {
            Map<Contender, List<Sample>> samples = new LinkedHashMap<>();
            contenders.forEach(c -> samples.put(c, new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < contenders.size(); i++) {
                    Contender c = contenders.get((i + r) % contenders.size());
                    samples.get(c).add(run(c.command(p), c.env()));
                }
            }
            System.out.println();
            System.out.println(p.label());
            double floorCpu = median(samples.get(contenders.get(0)), true);
            double floorWall = median(samples.get(contenders.get(0)), false);
            Map<Contender, Double> ratios = new LinkedHashMap<>();
            for (Map.Entry<Contender, List<Sample>> e : samples.entrySet()) {
                double cpu = median(e.getValue(), true);
                double wall = median(e.getValue(), false);
                System.out.printf(Locale.ROOT, "  %-44s cpu %6.3f s  %5.2fx   wall %6.3f s  %5.2fx%n",
                        e.getKey().label(), cpu, cpu / floorCpu, wall, wall / floorWall);
                ratios.put(e.getKey(), cpu / floorCpu);
            }
            cpuRatios.put(p, ratios);
        }
        System.out.println();
        System.out.print(table(cpuRatios, contenders));
    }

    /**
     * The table: a row per pipeline, a column per launcher, each cell the ratio of CPU medians to the
     * floor's ("before -> after" when an older build was measured too).
     */
    private static String table(Map<Pipeline, Map<Contender, Double>> ratios, List<Contender> contenders) {
        List<String> columns = contenders.stream().map(Contender::column).filter(c -> c != null).distinct().toList();
        StringBuilder b = new StringBuilder("CPU time / floor (median of each):\n\n| pipeline |");
        columns.forEach(c -> b.append(' ').append(c).append(" / floor |"));
        b.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        for (Map.Entry<Pipeline, Map<Contender, Double>> row : ratios.entrySet()) {
            b.append("| ").append(row.getKey().label()).append(" |");
            for (String column : columns) {
                String before = null;
                String after = null;
                for (Map.Entry<Contender, Double> cell : row.getValue().entrySet()) {
                    if (column.equals(cell.getKey().column())) {
                        String ratio = String.format(Locale.ROOT, "%.2fx", cell.getValue());
                        if (cell.getKey().before()) {
                            before = ratio;
                        } else {
                            after = ratio;
                        }
                    }
                }
                b.append(' ').append(before == null ? "" : before + " -> ").append(after == null ? "-" : after)
                        .append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static List<Contender> contenders(Path jar, Path bin) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String home = System.getProperty("java.home");
        String binColumn = "bin/spotlane JDK " + Runtime.version().feature();
        String jdk25 = property("bench.jdk25");
        if (jdk25 == null) {
            jdk25 = findJdk(25);
        }
        List<Contender> out = new ArrayList<>();
        out.add(new Contender("floor: snakeyaml compose, fresh JVM", null, false, List.of(java, "-cp",
                floorClasspath(), FloorParse.class.getName()), Map.of(), true));
        String before = property("bench.before");
        if (before != null) {
            Path b = Path.of(before).toAbsolutePath();
            out.add(new Contender("before: java -jar", "java -jar", true, List.of(java, "-jar",
                    b.resolve("target/spotlane.jar").toString()), Map.of(), false));
            out.add(new Contender("before: " + binColumn, binColumn, true,
                    List.of(b.resolve("bin/spotlane").toString()), Map.of("JAVA_HOME", home), false));
            if (jdk25 != null) {
                out.add(new Contender("before: bin/spotlane JDK 25", "bin/spotlane JDK 25", true,
                        List.of(b.resolve("bin/spotlane").toString()), Map.of("JAVA_HOME", jdk25), false));
            }
        }
        out.add(new Contender("java -jar", "java -jar", false, List.of(java, "-jar", jar.toString()), Map.of(),
                false));
        if (Files.isRegularFile(bin)) {
            out.add(new Contender(binColumn, binColumn, false, List.of(bin.toString()), Map.of("JAVA_HOME", home),
                    false));
            if (jdk25 != null) {
                out.add(new Contender("bin/spotlane JDK 25 (" + Path.of(jdk25).getFileName() + ")",
                        "bin/spotlane JDK 25", false, List.of(bin.toString()), Map.of("JAVA_HOME", jdk25), false));
            }
        }
        return out;
    }

    /** A system property's value; null when unset or empty (Maven passes an empty one for "not given"). */
    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** A JDK of the given feature release or newer under /usr/lib/jvm, or null. */
    private static String findJdk(int feature) {
        Path jvm = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvm)) {
            return null;
        }
        try (Stream<Path> s = Files.list(jvm)) {
            return s.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> release(d) >= feature)
                    .map(Path::toString).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int release(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The floor needs only snakeyaml-engine and this folder of test classes. */
    private static String floorClasspath() {
        List<String> keep = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("snakeyaml-engine") || entry.endsWith("test-classes")) {
                keep.add(entry);
            }
        }
        return String.join(File.pathSeparator, keep);
    }

    private static Sample run(List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>&1; times", "bash"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String[] lines = out.strip().split("\n");
        String[] children = lines[lines.length - 1].trim().split("\\s+");
        return new Sample(seconds(children[0]) + seconds(children[1]), wall);
    }

    /** {@code 0m1.234s} as seconds. */
    private static double seconds(String times) {
        int m = times.indexOf('m');
        return Integer.parseInt(times.substring(0, m)) * 60 + Double.parseDouble(times.substring(m + 1,
                times.length() - 1));
    }

    private static double median(List<Sample> samples, boolean cpu) {
        double[] v = samples.stream().mapToDouble(s -> cpu ? s.cpu() : s.wall()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The corpus pipelines with the most bytes read, each resolved once to learn its files. */
    private static List<Pipeline> largest(Path corpus, int count) throws IOException {
        List<Pipeline> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus)) {
            for (Path dir : dirs.sorted().toList()) {
                Path main = dir.resolve(".gitlab-ci.yml");
                if (!Files.isRegularFile(main)) {
                    continue;
                }
                ParseResult parsed = new YamlParser().parse(Source.read(main, main.toString()));
                if (!parsed.ok()) {
                    continue;
                }
                Path root = dir.toAbsolutePath().normalize();
                ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(),
                        new CheckoutIncludeSource(root, "", Map.of(), root.toString()), ".gitlab-ci.yml");
                List<Path> files = new ArrayList<>();
                long bytes = 0;
                for (YamlFile f : pipeline.files()) {
                    Path path = Path.of(f.name());
                    if (Files.isRegularFile(path)) {
                        files.add(path);
                        bytes += Files.size(path);
                    }
                }
                all.add(new Pipeline(root, files, bytes));
            }
        }
        all.sort(Comparator.comparingLong(Pipeline::bytes).reversed());
        return all.subList(0, Math.min(count, all.size()));
    }
}
