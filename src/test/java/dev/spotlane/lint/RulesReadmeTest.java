package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rules/README.md} lists what is there today: one row per page of {@code docs/rules/} (checks, and ids
 * that are not lint checks), one per check (and {@code unused-suppression}), each check's default severity its own.
 */
class RulesReadmeTest {
    private static final Path DIR = Path.of("docs/rules");
    private static final Pattern ROW = Pattern.compile("^\\| \\[`([a-z0-9-]+)`]\\(([a-z0-9-]+)\\.md\\) \\| ([^|]+)\\|",
            Pattern.MULTILINE);

    @Test
    void theIndexListsEveryPageAndEveryCheck() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(DIR.resolve("README.md")));
        while (m.find()) {
            assertEquals(m.group(1), m.group(2), "a row links its own page");
            rows.put(m.group(1), m.group(3).strip().split(" ")[0]);
        }
        Set<String> pages = new TreeSet<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .forEach(n -> pages.add(n.substring(0, n.length() - 3)));
        }
        assertEquals(pages, rows.keySet(), "rows of docs/rules/README.md against the pages of docs/rules/");
        Set<String> checks = new TreeSet<>();
        Checks.ALL.forEach(c -> checks.add(c.id()));
        checks.add(Linter.UNUSED_SUPPRESSION);
        assertTrue(rows.keySet().containsAll(checks), "every registered check has a row: " + checks);
        for (Check c : Checks.ALL) {
            assertEquals(c.defaultSeverity().label(), rows.get(c.id()), c.id() + ": default severity in the index");
        }
        assertTrue(rows.containsKey("unsatisfiable-tags"));
    }
}
