package dev.spotlane.bench;

import dev.spotlane.lint.checks.ConfigSchema;
import dev.spotlane.policy.YamlJson;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code config-schema} check's cost, apart from the rest of {@code spotlane lint}:
 * <ul>
 *   <li>cold schema load: the first use in a fresh JVM (class loading of the validator and Jackson, reading and
 *       compiling {@code gitlab-ci.schema.json}) — what every {@code spotlane lint} process pays once;</li>
 *   <li>warm compile: compiling the schema again once the classes are loaded;</li>
 *   <li>validation per file over every corpus YAML file: the first pass (cold JIT) and warm passes.</li>
 * </ul>
 * Not wired into the build; run it after {@code mvn -o test-compile} with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.spotlane.bench.SchemaBenchmark ../shared/corpus}
 * (cp.txt from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class SchemaBenchmark {
    private static final String SCHEMA = "/dev/spotlane/schemas/gitlab-ci.schema.json";

    private SchemaBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        ConfigSchema.preload();
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] compile = new double[5];
        for (int i = 0; i < compile.length; i++) {
            long t = System.nanoTime();
            YamlJson.compile(SCHEMA);
            compile[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(compile);
        System.out.printf(Locale.ROOT, "cold schema load (first use in this JVM): %8.1f ms%n", cold);
        System.out.printf(Locale.ROOT, "schema compile, classes loaded (median):  %8.1f ms%n", compile[2]);

        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        if (!Files.isDirectory(corpus)) {
            System.out.println("no corpus at " + corpus.toAbsolutePath().normalize() + ", no validation to measure");
            return;
        }
        List<YamlFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path p : s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                ParseResult r = new YamlParser().parse(Source.read(p, corpus.relativize(p).toString()));
                if (r.ok()) {
                    files.add(r.file());
                }
            }
        }
        ConfigSchema check = new ConfigSchema();
        double[] first = new double[files.size()];
        long findings = 0;
        for (int i = 0; i < files.size(); i++) {
            long t = System.nanoTime();
            findings += check.check(files.get(i)).size();
            first[i] = (System.nanoTime() - t) / 1e6;
        }
        double firstTotal = Arrays.stream(first).sum();
        // warm: several passes, the per-file figure of each file is its median
        int passes = 15;
        double[][] runs = new double[files.size()][passes];
        for (long end = System.nanoTime() + 2_000_000_000L; System.nanoTime() < end; ) {
            files.forEach(check::check);
        }
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < files.size(); i++) {
                long t = System.nanoTime();
                check.check(files.get(i));
                runs[i][p] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[] warm = new double[files.size()];
        int largest = 0;
        for (int i = 0; i < files.size(); i++) {
            Arrays.sort(runs[i]);
            warm[i] = runs[i][passes / 2];
            if (files.get(i).text().length() > files.get(largest).text().length()) {
                largest = i;
            }
        }
        double[] sorted = warm.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "corpus: %d files, %d findings%n", files.size(), findings);
        System.out.printf(Locale.ROOT, "first pass (cold JIT): %8.1f ms in all, %6.2f ms per file on average,"
                + " %6.2f ms at most%n", firstTotal, firstTotal / files.size(), Arrays.stream(first).max().orElse(0));
        System.out.printf(Locale.ROOT, "warm, per file:        median %6.3f ms, max %6.3f ms, %6.2f ms for the"
                + " whole corpus%n", sorted[sorted.length / 2], sorted[sorted.length - 1], Arrays.stream(warm).sum());
        System.out.printf(Locale.ROOT, "largest file %s (%d lines): first %.2f ms, warm %.3f ms%n",
                files.get(largest).name(), files.get(largest).lines().lineCount(), first[largest], warm[largest]);
    }
}
