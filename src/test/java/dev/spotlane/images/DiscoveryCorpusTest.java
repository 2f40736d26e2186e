package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import dev.spotlane.cli.Main;
import dev.spotlane.model.ImageRef;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Discovery over every repository of the corpus in one call, as {@code spotlane images ../shared/corpus/}{@code *}
 * {@code /} runs it: no crash, the same images as the repositories one by one, and bake files that read back.
 * Prints the number of distinct images and of dynamic references.
 */
class DiscoveryCorpusTest {
    private static final Pattern NORMALIZED = Pattern.compile("\"normalized\":\"([^\"]+)\"");
    private static final Pattern REF = Pattern.compile("\\{\"ref\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Run(int code, String out, String err) {
    }

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** Every corpus repository: a folder right under the corpus holding a {@code .gitlab-ci.yml}. */
    static List<String> folders() throws IOException {
        Path dir = Corpus.dir();
        return Corpus.yamlFiles().stream()
                .filter(f -> dir.relativize(f).getNameCount() == 2
                        && f.getFileName().toString().equals(".gitlab-ci.yml"))
                .map(f -> f.getParent().toString()).sorted().toList();
    }

    static Run images(List<String> folders, String format) {
        List<String> args = new ArrayList<>(List.of("images"));
        args.addAll(folders);
        args.addAll(List.of("--format", format));
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        return r;
    }

    static Set<String> all(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void discoveryOverEveryRepositoryAtOnce() throws IOException {
        List<String> folders = folders();
        assertFalse(folders.isEmpty());
        Run r = images(folders, "json");
        int entries = count(r.out(), "{\"ref\":");
        int dynamic = count(r.out(), "\"dynamic\":true");
        int invalid = entries - count(r.out(), "\"problem\":null");
        Set<String> distinct = all(NORMALIZED, r.out());
        assertTrue(entries > 0);
        assertFalse(r.out().contains("\"locations\":[]"), "every reference is written somewhere");
        System.out.printf("discovery over %d corpus repositories: %d references, %d distinct images, %d dynamic"
                + " references, %d invalid, %d notes on stderr%n", folders.size(), entries, distinct.size(), dynamic,
                invalid, r.err().lines().count());
    }

    @Test
    void manyAtOnceFindsWhatEachFindsAlone() throws IOException {
        List<String> folders = folders();
        Run together = images(folders, "json");
        Set<String> union = new TreeSet<>();
        Set<String> refs = new TreeSet<>();
        for (String folder : folders) {
            Run alone = images(List.of(folder), "json");
            union.addAll(all(NORMALIZED, alone.out()));
            refs.addAll(all(REF, alone.out()));
        }
        assertEquals(union, all(NORMALIZED, together.out()));
        assertEquals(refs, all(REF, together.out()));
    }

    @Test
    void bakeFilesOfTheWholeCorpusReadBack() throws Exception {
        List<String> folders = folders();
        Set<String> refs = all(REF, images(folders, "json").out());
        String allowlist = images(folders, "allowlist").out();
        Allowlist parsed = Allowlist.parse(new Source("images.txt", allowlist));
        int checked = 0;
        for (String ref : refs) {
            ImageRef image = ImageRef.parse(ref.replace("\\\"", "\"").replace("\\\\", "\\"));
            // the bake takes only images of jobs routed to the cloud fleet (never Windows or amd64-only ones)
            if (parsed.allows(image)) {
                assertTrue(image.valid(), ref);
                checked++;
            }
        }
        assertTrue(checked > 0);
        List<String> lines = allowlist.lines().filter(l -> !l.startsWith("#"))
                .map(BakeFiles::pullable).sorted().toList();
        assertEquals(lines, Hcl.listVariables(images(folders, "packer").out()).get("images"),
                "without manual globs, the Packer list is the allowlist, pinned images by digest alone");
    }
}
