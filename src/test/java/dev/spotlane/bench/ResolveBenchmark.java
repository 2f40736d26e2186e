package dev.spotlane.bench;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.OverlayIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.Fixer;
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
import java.util.Map;

/**
 * Resolution and fix planning on the largest corpus configurations, warm, in one JVM:
 * <ul>
 *   <li>parse: every file the configuration reads, parsed from memory (the baseline);</li>
 *   <li>resolve: reading and parsing those files plus includes, {@code !reference}, {@code extends} and
 *       {@code default:} (target: resolution adds at most 1x the parse time);</li>
 *   <li>fix: {@code Fixer.plan} on an already resolved pipeline, the library call a Renovate hook makes (target:
 *       under 50 ms), including its proof by re-resolving the edited files.</li>
 * </ul>
 * Run with {@code mvn -Pbench -DskipTests verify}; each figure is the median of the measured runs (min..max).
 */
public final class ResolveBenchmark {
    private static final String[] CONFIGS = {"gitlabhq__gitlab-runner", "integratop__gitlab-org-charts-mirror"};

    private ResolveBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        if (!Files.isDirectory(corpus)) {
            System.out.println("resolve benchmark: no corpus at " + corpus.toAbsolutePath().normalize()
                    + ", nothing to measure");
            return;
        }
        Policy policy = PolicyLoader.bundled();
        for (String name : CONFIGS) {
            Path root = corpus.resolve(name);
            if (!Files.isRegularFile(root.resolve(".gitlab-ci.yml"))) {
                continue;
            }
            CheckoutIncludeSource source = new CheckoutIncludeSource(root);
            ResolvedPipeline once = resolve(root, source);
            List<String> texts = once.files().stream().map(YamlFile::text).toList();
            long bytes = texts.stream().mapToLong(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .sum();
            long lines = texts.stream().mapToLong(t -> t.lines().count()).sum();
            // warm-up
            long sink = 0;
            for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
                sink += parseAll(texts) + resolve(root, source).jobs().size()
                        + Fixer.plan(once, policy, source, ".gitlab-ci.yml").changes().size();
            }
            // the files held in memory, so that the comparison is parse vs parse + resolution, without disk reads
            Map<String, String> byName = new java.util.HashMap<>();
            once.files().forEach(f -> byName.put(f.name(), f.text()));
            IncludeSource memory = new OverlayIncludeSource(source, byName);
            String mainText = Files.readString(root.resolve(".gitlab-ci.yml"));
            double[] parse = measure(() -> parseAll(texts));
            double[] resolve = measure(() -> new Resolver().resolve(new YamlParser().parse(
                    new Source(once.main().name(), mainText)).orElseThrow(), memory, ".gitlab-ci.yml").jobs().size());
            double[] fix = measure(() -> {
                FixResult r = Fixer.plan(once, policy, source, ".gitlab-ci.yml");
                return r.changes().size();
            });
            System.out.printf(Locale.ROOT, "%s: %d files, %d lines, %.1f KB, %d jobs%n", name, texts.size(), lines,
                    bytes / 1024.0, once.jobs().size());
            print("  parse all files", parse);
            print("  parse + resolve (files in memory)", resolve);
            print("  fix plan on a loaded pipeline", fix);
            double added = (median(resolve) - median(parse)) / median(parse);
            System.out.printf(Locale.ROOT, "  resolution adds %.2fx the parse time (target <= 1.0x: %s)%n", added,
                    added <= 1.0 ? "met" : "not met");
            System.out.printf(Locale.ROOT, "  fix plan under 50 ms: %s%n", median(fix) < 50 ? "met" : "not met");
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private interface Work {
        long run() throws IOException;
    }

    private static double[] measure(Work work) throws IOException {
        double[] ms = new double[201];
        long sink = 0;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            sink += work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println();
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static void print(String label, double[] sorted) {
        System.out.printf(Locale.ROOT, "%-34s %8.2f ms  (%.2f..%.2f)%n", label, median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }

    private static long parseAll(List<String> texts) {
        long n = 0;
        YamlParser parser = new YamlParser();
        for (String t : texts) {
            n += parser.parse(new Source("x.yml", t)).orElseThrow().documents().size();
        }
        return n;
    }

    private static ResolvedPipeline resolve(Path root, CheckoutIncludeSource source) throws IOException {
        YamlFile main = new YamlParser().parse(Source.read(root.resolve(".gitlab-ci.yml"))).orElseThrow();
        return new Resolver().resolve(main, source, ".gitlab-ci.yml");
    }

}
