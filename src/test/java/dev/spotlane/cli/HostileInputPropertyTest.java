package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spotlane.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of real pipelines thrown at {@code lint}, {@code preview} and {@code fix --check} in process:
 * every run must answer with exit 0, 1 or 2 (3 is a bug), print no internal error or stack trace, and do a bounded
 * amount of work, counted as output: at most {@value #OUTPUT_PER_INPUT_BYTE} characters per input byte plus
 * {@value #OUTPUT_SLACK} (an alias bomb that expands in the output would break it). A generous per-input timeout
 * ({@value #HANG_GUARD_SECONDS} s) only guards against hangs; it is not a speed assertion.
 *
 * <p>The inputs are the corpus ({@code ../shared/corpus}, skipped with a message when absent) and our own fixtures
 * ({@code src/test/resources/golden}, always). Runs are seeded: {@code -Dspotlane.fuzz.seed=N} replays a run (the
 * seed is printed), {@code -Dspotlane.fuzz.tries=N} sets the number of inputs per source (default
 * {@value #DEFAULT_TRIES}). A failing input is written to {@code target/fuzz-failures/} to be replayed by hand.
 */
class HostileInputPropertyTest {
    static final int DEFAULT_TRIES = 60;
    static final long DEFAULT_SEED = 0x5107_1a4eL;
    static final int OUTPUT_PER_INPUT_BYTE = 40;
    static final int OUTPUT_SLACK = 20_000;
    static final int HANG_GUARD_SECONDS = 30;
    static final List<List<String>> COMMANDS = List.of(List.of("lint"), List.of("preview"),
            List.of("fix", "--check"));
    private static final byte[][] SNIPPETS = {
        "*a".getBytes(StandardCharsets.UTF_8), "&a ".getBytes(StandardCharsets.UTF_8),
        "!reference [x]".getBytes(StandardCharsets.UTF_8), "<<: *a\n".getBytes(StandardCharsets.UTF_8),
        "\t".getBytes(StandardCharsets.UTF_8), {0}, {(byte) 0xff, (byte) 0xfe}, {(byte) 0xc3},
        "? [a, b]\n: x\n".getBytes(StandardCharsets.UTF_8), "!reference x".getBytes(StandardCharsets.UTF_8),
        "extends: .a\n".getBytes(StandardCharsets.UTF_8), "include: x.yml\n".getBytes(StandardCharsets.UTF_8),
        "~\n".getBytes(StandardCharsets.UTF_8), "---\n".getBytes(StandardCharsets.UTF_8),
        "\"\\u0000\"".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        "? - a\n: x\n".getBytes(StandardCharsets.UTF_8), "script: !reference [.a]\n".getBytes(StandardCharsets.UTF_8),
        "&a [*a]".getBytes(StandardCharsets.UTF_8), "\ufeff".getBytes(StandardCharsets.UTF_8)};

    @Test
    void mutatedCorpusFilesGetAnAnswer(@TempDir Path tmp) throws IOException {
        run(Corpus.yamlFiles(), "corpus", tmp);
    }

    @Test
    void mutatedFixturesGetAnAnswer(@TempDir Path tmp) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/golden"))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yml"))
                    .filter(p -> !p.toString().contains("/hostile/")).sorted().toList();
        }
        run(files, "fixtures", tmp);
    }

    private static void run(List<Path> files, String what, Path tmp) throws IOException {
        long seed = Long.getLong("spotlane.fuzz.seed", DEFAULT_SEED);
        int tries = Integer.getInteger("spotlane.fuzz.tries", DEFAULT_TRIES);
        System.out.println("HostileInputPropertyTest(" + what + "): seed " + seed + " (-Dspotlane.fuzz.seed=" + seed
                + "), " + tries + " inputs from " + files.size() + " files");
        Random random = new Random(seed ^ what.hashCode());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tries && failures.size() < 5; i++) {
            Path source = files.get(random.nextInt(files.size()));
            byte[] original = Files.readAllBytes(source);
            List<String> applied = new ArrayList<>();
            byte[] input = original;
            int n = 1 + random.nextInt(3);
            for (int m = 0; m < n; m++) {
                input = mutate(input, random, applied);
            }
            Path dir = Files.createDirectories(tmp.resolve(what + "-" + i));
            Files.createDirectories(dir.resolve(".git"));
            Files.write(dir.resolve(".gitlab-ci.yml"), input);
            String problem = check(dir, input.length);
            if (problem != null) {
                Path saved = Path.of("target/fuzz-failures", what + "-" + seed + "-" + i + ".yml");
                Files.createDirectories(saved.getParent());
                Files.write(saved, input);
                failures.add("input " + i + " from " + source + " " + applied + " (saved as " + saved + "): "
                        + problem);
            }
        }
        if (!failures.isEmpty()) {
            fail("seed " + seed + ": " + failures.size() + " input(s) without an answer:\n"
                    + String.join("\n", failures));
        }
    }

    /** Runs the three commands on a folder; null when each answered, else what went wrong. */
    private static String check(Path dir, int inputBytes) {
        for (List<String> command : COMMANDS) {
            List<String> args = new ArrayList<>(command);
            args.add(1, dir.toString());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int[] code = new int[1];
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(HANG_GUARD_SECONDS), () -> {
                    code[0] = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
                }, "hang guard");
            } catch (AssertionError e) {
                return command + ": no answer within " + HANG_GUARD_SECONDS + " s";
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return command + ": " + e;
            }
            String o = out.toString();
            String e = err.toString();
            if (code[0] < 0 || code[0] > 2) {
                return command + ": exit " + code[0] + ": " + firstLine(e);
            }
            if (e.contains("internal error") || e.contains("\tat ") || e.contains("Exception")) {
                return command + ": " + firstLine(e);
            }
            long limit = (long) OUTPUT_PER_INPUT_BYTE * inputBytes + OUTPUT_SLACK;
            if (o.length() + e.length() > limit) {
                return command + ": " + (o.length() + e.length()) + " characters of output for " + inputBytes
                        + " input bytes (limit " + limit + ")";
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One random mutation, named in {@code applied}. */
    static byte[] mutate(byte[] in, Random r, List<String> applied) {
        List<byte[]> lines = lines(in);
        int kind = r.nextInt(8);
        switch (kind) {
            case 0 -> { // byte flip
                if (in.length == 0) {
                    return in;
                }
                byte[] out = in.clone();
                int at = r.nextInt(out.length);
                out[at] ^= (byte) (1 << r.nextInt(8));
                applied.add("flip@" + at);
                return out;
            }
            case 1 -> { // delete a line
                if (lines.isEmpty()) {
                    return in;
                }
                int at = r.nextInt(lines.size());
                lines.remove(at);
                applied.add("delete-line " + (at + 1));
            }
            case 2 -> { // duplicate a line
                if (lines.isEmpty()) {
                    return in;
                }
                int at = r.nextInt(lines.size());
                lines.add(at, lines.get(at));
                applied.add("duplicate-line " + (at + 1));
            }
            case 3 -> { // shift a line's indentation
                if (lines.isEmpty()) {
                    return in;
                }
                int at = r.nextInt(lines.size());
                byte[] l = lines.get(at);
                int shift = r.nextBoolean() ? 1 + r.nextInt(4) : -(1 + r.nextInt(2));
                lines.set(at, shift > 0 ? concat(" ".repeat(shift).getBytes(StandardCharsets.UTF_8), l)
                        : l.length > -shift && l[0] == ' ' && l[-shift - 1] == ' '
                                ? Arrays.copyOfRange(l, -shift, l.length) : l);
                applied.add("indent " + shift + " line " + (at + 1));
            }
            case 4 -> { // truncate
                int at = in.length == 0 ? 0 : r.nextInt(in.length);
                applied.add("truncate@" + at);
                return Arrays.copyOf(in, at);
            }
            default -> { // insert a snippet at a random byte or line start
                byte[] snippet = SNIPPETS[r.nextInt(SNIPPETS.length)];
                if (r.nextBoolean() || lines.isEmpty()) {
                    int at = in.length == 0 ? 0 : r.nextInt(in.length + 1);
                    applied.add("insert " + new String(snippet, StandardCharsets.ISO_8859_1).strip() + "@" + at);
                    return concat(Arrays.copyOf(in, at), concat(snippet, Arrays.copyOfRange(in, at, in.length)));
                }
                int at = r.nextInt(lines.size());
                lines.set(at, concat(snippet, lines.get(at)));
                applied.add("prefix line " + (at + 1) + " with "
                        + new String(snippet, StandardCharsets.ISO_8859_1).strip());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Lines with their breaks. */
    private static List<byte[]> lines(byte[] in) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                out.add(Arrays.copyOfRange(in, start, i + 1));
                start = i + 1;
            }
        }
        if (start < in.length) {
            out.add(Arrays.copyOfRange(in, start, in.length));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void mutationsAreDeterministicForASeed() {
        byte[] in = "a:\n  b: [1, 2]\n".getBytes(StandardCharsets.UTF_8);
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        byte[] p = mutate(mutate(in, new Random(7), x), new Random(8), x);
        byte[] q = mutate(mutate(in, new Random(7), y), new Random(8), y);
        assertTrue(Arrays.equals(p, q) && x.equals(y), "same seed, same input");
    }
}
