package dev.spotlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs pin what we release: every versioned reference to a spotlane component ({@code spotlane/lint@x.y.z}) or
 * image ({@code spotlane:x.y.z}) in README.md, docs/ and templates/ names the version in pom.xml (without
 * {@code -SNAPSHOT}), so a copied example never points at a release that does not exist.
 */
class DocsVersionTest {
    private static final Pattern POM_VERSION = Pattern.compile(
            "<artifactId>spotlane</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern REFERENCE = Pattern.compile(
            "spotlane(?:/[a-z][a-z0-9-]*)?[@:]v?([0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z.]+)?)");

    static String released() throws IOException {
        Matcher m = POM_VERSION.matcher(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "no <version> after <artifactId>spotlane</artifactId> in pom.xml");
        return m.group(1).replaceFirst("-SNAPSHOT$", "");
    }

    static List<String> mismatches(String name, String text, String version) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = REFERENCE.matcher(lines[i]);
            while (m.find()) {
                if (!m.group(1).equals(version)) {
                    out.add(name + ":" + (i + 1) + ":" + (m.start() + 1) + ": \"" + m.group() + "\" is not version \""
                            + version + "\"");
                }
            }
        }
        return out;
    }

    @Test
    void everyVersionedReferenceNamesThePomVersion() throws IOException {
        String version = released();
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        for (String dir : List.of("docs", "templates")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(md|yml|yaml)$"))
                        .sorted().forEach(files::add);
            }
        }
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path p : files) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                seen++;
            }
            wrong.addAll(mismatches(p.toString(), text, version));
        }
        assertEquals(List.of(), wrong, "docs must name the released version " + version);
        assertTrue(seen > 0, "no versioned reference found: the pattern no longer matches the docs");
    }

    @Test
    void theCheckSeesAnOldVersion() {
        assertEquals(List.of("x.md:2:14: \"spotlane/lint@1.0.0\" is not version \"0.1.0\"",
                        "x.md:3:16: \"spotlane:1.0.0\" is not version \"0.1.0\""),
                mismatches("x.md", "ok spotlane/lint@0.1.0\n- component: spotlane/lint@1.0.0\n  image: reg/x/spotlane:1.0.0\n",
                        "0.1.0"));
        assertFalse(mismatches("x.md", "spotlane/cutover@0.1.0 spotlane:0.1.0", "0.1.0").size() > 0);
    }
}
