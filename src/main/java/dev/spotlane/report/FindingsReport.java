package dev.spotlane.report;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Linter;
import dev.spotlane.lint.Severity;
import dev.spotlane.yaml.LineIndex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Lint findings as text, JSON, GitLab Code Quality and SARIF 2.1.0: one input, four shapes. */
public final class FindingsReport {
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final String UNUSED_SUPPRESSION_SUMMARY =
            "a suppression comment (# spotlane: ignore[...]) that hides no finding, or names no known check";
    private static final Pattern POSITIONS = Pattern.compile("\\b(?:line \\d+|\\d+:\\d+)\\b");

    private FindingsReport() {
    }

    /**
     * {@code path:line:col: message [id]}, then the source line and a {@code ^~~~} marker under the value.
     *
     * @param lines a finding's path → that file's text, for the snippet (a missing file prints no snippet)
     * @param color ANSI colours (only for a terminal)
     */
    public static String text(List<Finding> findings, Function<String, String> lines, boolean color) {
        StringBuilder b = new StringBuilder();
        // each file indexed into lines once, not split once per finding (4,000 findings in one file were quadratic)
        Map<String, LineIndex> split = new HashMap<>();
        for (Finding f : findings) {
            String sev = f.severity().label();
            String where = TerminalText.escape(f.location().toString());
            String message = TerminalText.line(f.message());
            if (color) {
                String c = f.severity() == Severity.ERROR ? RED : f.severity() == Severity.WARNING ? YELLOW : CYAN;
                b.append(BOLD).append(where).append(':').append(RESET).append(' ').append(c).append(sev)
                        .append(':').append(RESET).append(' ').append(message).append(' ').append(BOLD)
                        .append('[').append(f.checkId()).append(']').append(RESET).append('\n');
            } else {
                b.append(where).append(": ").append(sev).append(": ").append(message).append(" [")
                        .append(f.checkId()).append("]\n");
            }
            LineIndex all = split.computeIfAbsent(f.location().path(), p -> {
                String text = lines.apply(p);
                return text == null ? null : new LineIndex(text);
            });
            String line = all == null ? null : line(all, f.location().line());
            if (line != null) {
                // escaped like the message; the marker is placed under the escaped text
                int column = f.location().column();
                String safe = TerminalText.escape(line);
                if (!safe.equals(line)) {
                    int cut = line.offsetByCodePoints(0, Math.max(0, Math.min(column - 1,
                            line.codePointCount(0, line.length()))));
                    String before = TerminalText.escape(line.substring(0, cut));
                    column = before.codePointCount(0, before.length()) + 1;
                }
                b.append("  ").append(safe).append('\n');
                b.append("  ").append(marker(safe, column)).append('\n');
            }
        }
        return b.toString();
    }

    /** The 1-based line {@code number}, or null when there is none. */
    private static String line(LineIndex all, int number) {
        return number < 1 || number > all.lineCount() ? null : all.line(number - 1);
    }

    /** Spaces up to the column (code points; tabs kept as tabs), then {@code ^} and {@code ~} under the token. */
    static String marker(String line, int column) {
        StringBuilder b = new StringBuilder();
        int cp = 1;
        int i = 0;
        while (i < line.length() && cp < column) {
            int c = line.codePointAt(i);
            b.append(c == '\t' ? '\t' : ' ');
            i += Character.charCount(c);
            cp++;
        }
        b.append('^');
        int j = i < line.length() ? i + Character.charCount(line.codePointAt(i)) : i;
        while (j < line.length() && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != '#') {
            if (!Character.isLowSurrogate(line.charAt(j))) {
                b.append('~');
            }
            j++;
        }
        return b.toString();
    }

    /** {@code [{"rule","severity","message","path","line","column","fixable"}]}. */
    public static String json(List<Finding> findings) {
        Json j = new Json().beginArray();
        for (Finding f : findings) {
            j.beginObject().field("rule", f.checkId()).field("severity", f.severity().label())
                    .field("message", f.message()).field("path", f.location().path())
                    .field("line", f.location().line()).field("column", f.location().column())
                    .field("fixable", f.fixable()).endObject();
        }
        return j.endArray() + "\n";
    }

    /**
     * GitLab Code Quality: paths relative to the repository root; fingerprints leave out line numbers (the finding's
     * own and any its message mentions) so a finding keeps its identity when code moves (identical findings in one
     * file are told apart by their order).
     */
    public static String codeQuality(List<Finding> findings, Path root) {
        Json j = new Json().beginArray();
        Map<String, Integer> seen = new HashMap<>();
        for (Finding f : findings) {
            String path = relative(f.location().path(), root);
            String key = f.checkId() + "\u0000" + path + "\u0000" + withoutPositions(f.message());
            int n = seen.merge(key, 1, Integer::sum);
            j.beginObject().field("description", f.message() + " [" + f.checkId() + "]")
                    .field("check_name", f.checkId())
                    .field("fingerprint", sha256(key + "\u0000" + n))
                    .field("severity", codeQualitySeverity(f.severity()))
                    .name("location").beginObject().field("path", path)
                    .name("lines").beginObject().field("begin", f.location().line()).endObject()
                    .endObject().endObject();
        }
        return j.endArray() + "\n";
    }

    /**
     * A message without the positions it mentions ({@code on line 9}, {@code at 2:3}), so that a finding whose
     * message points at another line keeps its fingerprint when code moves.
     */
    static String withoutPositions(String message) {
        return POSITIONS.matcher(message).replaceAll("#");
    }

    static String codeQualitySeverity(Severity s) {
        return switch (s) {
            case ERROR -> "critical";
            case WARNING -> "major";
            case INFO -> "info";
        };
    }

    /**
     * SARIF 2.1.0 with one rule per check, plus {@code unused-suppression} (which no check reports but the linter
     * does), each with help at {@code docs/rules/<id>.md}.
     */
    public static String sarif(List<Finding> findings, List<Check> checks, String version, Path root) {
        Json j = new Json().beginObject()
                .field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
                .field("version", "2.1.0")
                .name("runs").beginArray().beginObject()
                .name("tool").beginObject().name("driver").beginObject()
                .field("name", "spotlane").field("version", version)
                .name("rules").beginArray();
        for (Check c : checks) {
            sarifRule(j, c.id(), c.summary(), c.defaultSeverity());
        }
        sarifRule(j, Linter.UNUSED_SUPPRESSION, UNUSED_SUPPRESSION_SUMMARY, Severity.INFO);
        // spotlane counts columns in code points; SARIF's default is UTF-16 code units
        j.endArray().endObject().endObject().field("columnKind", "unicodeCodePoints")
                .name("results").beginArray();
        for (Finding f : findings) {
            j.beginObject().field("ruleId", f.checkId()).field("level", sarifLevel(f.severity()))
                    .name("message").beginObject().field("text", f.message()).endObject()
                    .name("locations").beginArray().beginObject().name("physicalLocation").beginObject()
                    .name("artifactLocation").beginObject().field("uri", relative(f.location().path(), root))
                    .endObject()
                    .name("region").beginObject().field("startLine", f.location().line())
                    .field("startColumn", f.location().column()).endObject()
                    .endObject().endObject().endArray().endObject();
        }
        return j.endArray().endObject().endArray().endObject() + "\n";
    }

    private static void sarifRule(Json j, String id, String summary, Severity level) {
        j.beginObject().field("id", id)
                .name("shortDescription").beginObject().field("text", summary).endObject()
                .field("helpUri", "docs/rules/" + id + ".md")
                .name("defaultConfiguration").beginObject().field("level", sarifLevel(level)).endObject()
                .endObject();
    }

    private static String sarifLevel(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** A display path relative to the repository root, with {@code /}. */
    static String relative(String path, Path root) {
        if (root == null) {
            return path;
        }
        Path p = Path.of(path).toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return p.startsWith(r) ? r.relativize(p).toString().replace('\\', '/') : path;
    }

    private static String sha256(String s) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
