package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spotlane.Corpus;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.IncludeExpander.IncludeRecord;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every root {@code .gitlab-ci.yml} of the corpus (one folder per repository) resolves without an internal error,
 * every diagnostic points into a file that exists at a real position, and every include spotlane did not resolve
 * is an {@code include-unresolved} note at that include.
 */
class ResolveCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyRootPipelineResolves() throws IOException {
        Path dir = Corpus.dir();
        List<Path> roots = Corpus.yamlFiles().stream()
                .filter(f -> f.getFileName().toString().equals(".gitlab-ci.yml")
                        && f.getParent().getParent().equals(dir))
                .toList();
        assertFalse(roots.isEmpty(), "no root .gitlab-ci.yml under " + dir);
        return roots.stream().map(f -> DynamicTest.dynamicTest(Corpus.name(f.getParent()), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        Path folder = file.getParent();
        // named the way CheckoutIncludeSource names included files: relative to the working directory
        String name = cwdRelative(file);
        ParseResult parsed = new YamlParser().parse(Source.read(file, name));
        if (!parsed.ok()) {
            assertPosition(new Location(parsed.error().file(), parsed.error().position().line(),
                    parsed.error().position().column()), "syntax error in the main file");
            return;
        }
        ResolvedPipeline p;
        try {
            p = new Resolver().resolve(parsed.file(), new CheckoutIncludeSource(folder), ".gitlab-ci.yml");
        } catch (RuntimeException e) {
            throw new AssertionError("resolving " + name + " threw " + e, e);
        }
        for (Diagnostic d : p.diagnostics()) {
            assertPosition(d.location(), d.toString());
        }
        Set<Location> unresolvedNotes = p.diagnostics().stream().filter(d -> d.kind().equals("include-unresolved"))
                .peek(d -> assertFalse(d.error(), "an include not resolved is a note, not an error: " + d))
                .map(Diagnostic::location).collect(Collectors.toSet());
        for (IncludeRecord include : p.includes()) {
            if (include.outcome().equals("not resolved")) {
                assertTrue(unresolvedNotes.contains(include.location()), "include of " + include.kind() + " \""
                        + include.target() + "\" at " + include.location() + " was not resolved but has no"
                        + " include-unresolved note; diagnostics:\n" + p.diagnostics());
            }
        }
        assertEquals(unresolvedNotes.size(), p.includes().stream()
                .filter(i -> i.outcome().equals("not resolved")).map(IncludeRecord::location).distinct().count(),
                "every include-unresolved note is an include recorded as not resolved");
    }

    /** The location names a file that exists, and a line and column inside it (both 1-based). */
    private static void assertPosition(Location at, String what) throws IOException {
        Path file = Path.of(at.path());
        if (!Files.isRegularFile(file)) {
            fail(what + ": \"" + at.path() + "\" is not a file (relative to " + Path.of("").toAbsolutePath() + ")");
        }
        long lines = Files.readString(file, StandardCharsets.UTF_8).lines().count();
        assertTrue(at.line() >= 1 && at.column() >= 1, what + ": line and column must be at least 1");
        assertTrue(at.line() <= lines + 1, what + ": line " + at.line() + " is past the end (" + lines + " lines)");
    }

    private static String cwdRelative(Path file) {
        return Path.of("").toAbsolutePath().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }
}
