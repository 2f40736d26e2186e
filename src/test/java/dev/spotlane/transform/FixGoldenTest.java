package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spotlane.Golden;
import dev.spotlane.Spotlane;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.report.FixReport;
import dev.spotlane.yaml.LineIndex;
import dev.spotlane.yaml.TextEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden cases for {@code spotlane fix}, one folder each under {@code src/test/resources/golden/fix/<case>/}:
 * <ul>
 * <li>{@code input/}: a small repository ({@code .gitlab-ci.yml}, included files, optional {@code .spotlane.yml}
 * rules; without one the bundled rules apply);</li>
 * <li>{@code projects/<group>/<project>/} (optional): other projects' files for {@code include:project}, never
 * edited;</li>
 * <li>{@code expected/}: the files that change, byte for byte (a file not there must stay unchanged);</li>
 * <li>{@code expected.summary}: {@link FixReport#summary} with paths relative to the repository.</li>
 * </ul>
 * Every case is also fixed a second time after writing (no change: idempotence), and every original line no edit
 * touched must still be there, in order (minimal diff). {@code -Dgolden.update=true} rewrites {@code expected/}
 * and {@code expected.summary}; review the diff like code.
 */
class FixGoldenTest {
    private static final Path ROOT = Path.of("src/test/resources/golden/fix");

    @TestFactory
    Stream<DynamicTest> cases(@TempDir Path temp) throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT)) {
            cases = s.filter(p -> Files.isDirectory(p.resolve("input"))).sorted().toList();
        }
        assertTrue(cases.size() >= 20, "golden cases found: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
                () -> run(c, temp.resolve(c.getFileName().toString()))));
    }

    /** {@code <case>/options}: the command-line options of the case, one a line ({@code --add-retry}). */
    static Fixer.Options options(Path caseDir) throws java.io.IOException {
        Path file = caseDir.resolve("options");
        if (!Files.exists(file)) {
            return Fixer.Options.DEFAULT;
        }
        List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
        for (String l : lines) {
            assertTrue(l.equals("--add-retry"), caseDir + "/options: unknown option " + l);
        }
        return new Fixer.Options(lines.contains("--add-retry"));
    }

    private static void run(Path caseDir, Path work) throws Exception {
        Path repo = work.resolve("repo");
        copy(caseDir.resolve("input"), repo);
        Map<String, Path> projects = new LinkedHashMap<>();
        Map<Path, byte[]> projectBytes = new LinkedHashMap<>();
        Path projectsDir = caseDir.resolve("projects");
        if (Files.isDirectory(projectsDir)) {
            try (Stream<Path> groups = Files.list(projectsDir)) {
                for (Path group : groups.sorted().toList()) {
                    try (Stream<Path> names = Files.list(group)) {
                        for (Path project : names.sorted().toList()) {
                            Path dest = work.resolve("projects").resolve(group.getFileName())
                                    .resolve(project.getFileName());
                            copy(project, dest);
                            projects.put(group.getFileName() + "/" + project.getFileName(), dest);
                        }
                    }
                }
            }
            projectBytes.putAll(snapshot(work.resolve("projects")));
        }
        Map<Path, byte[]> before = snapshot(repo);
        // as spotlane fix loads it: the repository's rules (else the bundled ones) and its image platforms file
        Policy policy = Spotlane.policy(repo, null);

        Fixer.Options options = options(caseDir);
        FixResult result = Spotlane.fix(repo, ".gitlab-ci.yml", policy, projects, options);

        Map<String, FileChange> changes = new TreeMap<>();
        for (FileChange c : result.changes()) {
            Path file = Path.of(c.name()).toAbsolutePath().normalize();
            assertTrue(file.startsWith(repo.toAbsolutePath().normalize()),
                    () -> c.name() + " is outside the repository: only the project's own files may change");
            String rel = repo.toAbsolutePath().normalize().relativize(file).toString().replace('\\', '/');
            changes.put(rel, c);
            assertEquals(new String(before.get(file), StandardCharsets.UTF_8), c.oldText(),
                    rel + ": the planned change starts from the file's bytes");
            assertUntouchedLinesKept(rel, c);
        }
        Path expected = caseDir.resolve("expected");
        if (Golden.updating()) {
            deleteTree(expected);
        }
        for (Map.Entry<String, FileChange> e : changes.entrySet()) {
            Golden.assertMatches(expected.resolve(e.getKey()), e.getValue().newText());
            if (!Golden.updating()) {
                assertArrayEquals(Files.readAllBytes(expected.resolve(e.getKey())),
                        e.getValue().newText().getBytes(StandardCharsets.UTF_8), e.getKey() + " bytes");
            }
        }
        if (Files.isDirectory(expected)) {
            for (Path p : snapshot(expected).keySet()) {
                String rel = expected.toAbsolutePath().relativize(p).toString().replace('\\', '/');
                assertTrue(changes.containsKey(rel), () -> "expected/" + rel + " exists but the fix leaves "
                        + rel + " unchanged");
            }
        }
        Golden.assertMatches(caseDir.resolve("expected.summary"), relativize(FixReport.summary(result), repo));

        // write, then fix again: nothing left to do
        Spotlane.write(result);
        Map<Path, byte[]> after = snapshot(repo);
        assertEquals(before.keySet(), after.keySet(), "files created or removed by writing (temp files left?)");
        for (FileChange c : result.changes()) {
            Path file = Path.of(c.name()).toAbsolutePath().normalize();
            assertArrayEquals(c.newText().getBytes(StandardCharsets.UTF_8), after.get(file), c.name());
        }
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            if (changes.values().stream().noneMatch(c -> Path.of(c.name()).toAbsolutePath().normalize()
                    .equals(e.getKey()))) {
                assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " must stay byte-identical");
            }
        }
        FixResult again = Spotlane.fix(repo, ".gitlab-ci.yml", policy, projects, options);
        if (again.changed()) {
            StringBuilder b = new StringBuilder("not idempotent: a second fix still changes ");
            again.changes().forEach(c -> b.append(c.name()).append(":\n").append(c.newText()).append('\n'));
            fail(b.toString());
        }
        assertEquals(decisionsAfterFix(result), decisionsOf(again), "decisions on the fixed pipeline");
        if (!projectBytes.isEmpty()) {
            Map<Path, byte[]> now = snapshot(work.resolve("projects"));
            assertEquals(projectBytes.keySet(), now.keySet());
            projectBytes.forEach((p, b) -> assertArrayEquals(b, now.get(p), p + ": other projects are read-only"));
        }
    }

    /**
     * Minimal diff: every line of the original that no edit touches is still in the new text, in the same order.
     * An edit touches the lines its replaced span covers, and the line it inserts into unless it inserts at the
     * line's start.
     */
    static void assertUntouchedLinesKept(String name, FileChange change) {
        String old = change.oldText();
        LineIndex lines = new LineIndex(old);
        Set<Integer> touched = touchedLines(change.plan().edits(), lines, old);
        List<String> newLines = splitLines(change.newText());
        int j = 0;
        for (int line = 0; line < lines.lineCount(); line++) {
            if (touched.contains(line) || lines.lineStart(line) == old.length()) {
                continue;
            }
            // line 1 starts after a byte order mark in LineIndex; the mark is part of the line here
            String want = old.substring(line == 0 ? 0 : lines.lineStart(line), lines.nextLineStart(line));
            while (j < newLines.size() && !newLines.get(j).equals(want)) {
                j++;
            }
            if (j == newLines.size()) {
                fail(name + ": untouched line " + (line + 1) + " " + show(want) + " is missing or out of order");
            }
            j++;
        }
    }

    static Set<Integer> touchedLines(List<TextEdit> edits, LineIndex lines, String text) {
        Set<Integer> touched = new HashSet<>();
        for (TextEdit e : edits) {
            int start = e.span().start();
            int end = e.span().end();
            if (e.span().isEmpty()) {
                if (start < text.length() && start != lines.lineStart(lines.lineOf(start))) {
                    touched.add(lines.lineOf(start));
                } else if (start == text.length() && start > 0 && !text.endsWith("\n")) {
                    touched.add(lines.lineOf(start - 1));
                }
                continue;
            }
            for (int l = lines.lineOf(start); l <= lines.lineOf(end - 1); l++) {
                touched.add(l);
            }
        }
        return touched;
    }

    /** Lines with their line breaks, so that CRLF and a missing final break count. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }

    private static String show(String line) {
        return "\"" + line.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    /** What a second run should decide: moved jobs are now compliant, everything else the same. */
    private static List<String> decisionsAfterFix(FixResult r) {
        return r.decisions().stream().map(d -> d.outcome() == Decision.Outcome.MOVE
                ? d.job() + " COMPLIANT " + d.to() : d.job() + " " + d.outcome() + " " + d.to()).toList();
    }

    private static List<String> decisionsOf(FixResult r) {
        return r.decisions().stream().map(d -> d.job() + " " + d.outcome() + " " + d.to()).toList();
    }

    /** The summary with the temporary repository's path taken out, in the forms it is printed in. */
    private static String relativize(String summary, Path repo) {
        Path abs = repo.toAbsolutePath().normalize();
        String fromCwd = Path.of("").toAbsolutePath().relativize(abs).toString().replace('\\', '/');
        return summary.replace(abs.toString().replace('\\', '/') + "/", "").replace(fromCwd + "/", "");
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p.toAbsolutePath().normalize(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
