package dev.spotlane.lint;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.Comment;
import dev.spotlane.yaml.LineIndex;
import dev.spotlane.yaml.YamlFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code # spotlane: ignore[id,...]} at the end of the offending line or alone on the line above, and
 * {@code # spotlane: ignore-file[id,...]} anywhere in a file. Each remembers whether it was used, so an unused one
 * can be reported.
 */
final class Suppressions {
    private static final Pattern MARKER = Pattern.compile("spotlane:\\s*ignore(-file)?\\[([^\\]]*)]");

    /** One suppression comment. */
    static final class Suppression {
        final String path;
        final int line;
        final boolean fileWide;
        final List<String> ids;
        final Location at;
        final boolean[] used;

        Suppression(String path, int line, boolean fileWide, List<String> ids, Location at) {
            this.path = path;
            this.line = line;
            this.fileWide = fileWide;
            this.ids = ids;
            this.at = at;
            this.used = new boolean[ids.size()];
        }
    }

    private final List<Suppression> all = new ArrayList<>();

    void read(YamlFile file) {
        LineIndex lines = file.lines();
        for (Comment c : file.comments()) {
            Matcher m = MARKER.matcher(c.text());
            if (!m.find()) {
                continue;
            }
            List<String> ids = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            Location at = new Location(file.name(), file.position(c.span().start()).line(),
                    file.position(c.span().start()).column());
            int line = lines.lineOf(c.span().start());
            if (m.group(1) == null && !c.inline()) {
                // alone on its line: it covers the next line that holds something other than comments
                int next = line + 1;
                while (next < lines.lineCount()) {
                    String l = lines.line(next).strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        break;
                    }
                    next++;
                }
                line = next;
            }
            all.add(new Suppression(file.name(), line + 1, m.group(1) != null, ids, at));
        }
    }

    /** True (and marks the suppression used) when a suppression covers the finding. */
    boolean covers(Finding f) {
        boolean covered = false;
        for (Suppression s : all) {
            if (!s.path.equals(f.location().path()) || !s.fileWide && s.line != f.location().line()) {
                continue;
            }
            int i = s.ids.indexOf(f.checkId());
            if (i >= 0) {
                s.used[i] = true;
                covered = true;
            }
        }
        return covered;
    }

    /**
     * Findings for suppressions (or ids in them) that suppressed nothing.
     *
     * @param known the ids of the checks that ran (and of those switched off), to tell a misspelt id from an unused
     *              one
     */
    List<Finding> unused(Collection<String> known) {
        List<Finding> out = new ArrayList<>();
        for (Suppression s : all) {
            for (int i = 0; i < s.ids.size(); i++) {
                if (s.used[i]) {
                    continue;
                }
                String id = s.ids.get(i);
                String message;
                if (known.contains(id)) {
                    message = "suppression of \"" + id + "\" matches no finding"
                            + (s.fileWide ? " in this file" : " on line " + s.line) + "; remove it";
                } else {
                    String near = nearest(id, known);
                    message = "suppression names no known check \"" + id + "\""
                            + (near == null ? "" : "; did you mean \"" + near + "\"");
                }
                out.add(new Finding(Linter.UNUSED_SUPPRESSION, Severity.INFO, message, s.at, null));
            }
        }
        return out;
    }

    /** The known id closest to {@code id}, when it is close enough to be a typo; else null. */
    static String nearest(String id, Collection<String> known) {
        return Spelling.nearest(id, known, Math.max(2, id.length() / 4));
    }
}
