package dev.spotlane.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Format-preserving edits of one parsed file. Each operation returns an {@link EditPlan} that touches only the
 * spans it must; indentation, line breaks (LF or CRLF) and quoting are taken from the surrounding text.
 * Operations refuse, with an {@link IllegalArgumentException} naming the place, what they cannot do safely (for
 * example rewriting a value that an alias also uses).
 */
public final class YamlEditor {
    private final YamlFile file;
    private final String text;
    private final LineIndex lines;
    private final String nl;
    private final int unit;

    public YamlEditor(YamlFile file) {
        this.file = Objects.requireNonNull(file, "file");
        this.text = file.text();
        this.lines = file.lines();
        this.nl = file.source().lineBreak();
        this.unit = Indentation.unit(file);
    }

    public YamlFile file() {
        return file;
    }

    /** The indentation step this file uses (2 when it cannot be told). */
    public int indentUnit() {
        return unit;
    }

    /** Replaces a scalar's value, keeping its quoting style where the new value allows it. */
    public EditPlan replaceScalar(YamlScalar node, String newValue) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(newValue, "newValue");
        if (node.value().equals(newValue) && !node.style().isBlock()) {
            return EditPlan.EMPTY;
        }
        String written = Scalars.render(newValue, node.style(), file.inFlow(node));
        int at = node.valueSpan().start();
        if (node.valueSpan().isEmpty() && at > 0 && (text.charAt(at - 1) == ':' || text.charAt(at - 1) == '-')) {
            // an empty value sits right after its indicator: "key:" must become "key: value", not "key:value"
            written = " " + written;
        }
        return EditPlan.of(new TextEdit(node.valueSpan(), written));
    }

    /**
     * Adds {@code key: value} to a mapping: for a block mapping on a new line after its last entry (and before any
     * comment lines that follow it, which belong to what comes next); for a flow mapping before its closing brace.
     */
    public EditPlan addEntry(YamlMapping map, String key, YamlValue value) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (map.flow()) {
            String entry = Render.key(key, true) + ": " + Render.flow(value);
            if (map.entries().isEmpty()) {
                return EditPlan.of(TextEdit.insert(map.valueSpan().start() + 1, entry));
            }
            YamlNode last = map.entries().get(map.entries().size() - 1).value();
            return EditPlan.of(TextEdit.insert(last.span().end(), ", " + entry));
        }
        if (map.entries().isEmpty()) {
            throw new IllegalArgumentException(file.location(map) + ": cannot add to an empty block mapping");
        }
        int indent = lines.indentOf(map.entries().get(0).key().span().start());
        String block = Render.entry(key, value, indent, unit, nl);
        return EditPlan.of(insertAfterLine(afterOwnComments(endOf(map), indent), block));
    }

    /**
     * The end of the comment lines right after {@code end} that are indented deeper than {@code indent}: they
     * belong to the last value, so a new key goes after them (comments at the key's indent or less belong to what
     * follows, and the new key goes before them).
     */
    private int afterOwnComments(int end, int indent) {
        int last = lines.lineOf(Math.max(0, end - 1));
        int owned = last;
        for (int l = last + 1; l < lines.lineCount(); l++) {
            String content = lines.line(l);
            String stripped = content.stripLeading();
            if (!stripped.startsWith("#") || content.length() - stripped.length() <= indent) {
                break;
            }
            owned = l;
        }
        return owned == last ? end : lines.lineEnd(owned);
    }

    /**
     * Adds a top-level {@code key: value} at the end of a document (after its trailing comments), separated from
     * what precedes it by a blank line. A file without a final line break keeps having none.
     */
    public EditPlan addTopLevelEntry(YamlDocument document, String key, YamlValue value) {
        Objects.requireNonNull(document, "document");
        if (!(document.root() instanceof YamlMapping root)) {
            throw new IllegalArgumentException(file.name() + ": the document root is not a mapping");
        }
        if (root.flow() || root.entries().isEmpty()) {
            return addEntry(root, key, value);
        }
        int indent = lines.indentOf(root.entries().get(0).key().span().start());
        String block = Render.entry(key, value, indent, unit, nl);
        int at = documentEnd(document);
        String before = text.substring(0, at);
        StringBuilder insert = new StringBuilder();
        boolean endsWithBreak = before.endsWith("\n") || before.endsWith("\r");
        if (!endsWithBreak) {
            // no final line break: keep it that way, so the stanza goes after a break and ends without one
            insert.append(nl).append(nl).append(block, 0, block.length() - nl.length());
            return EditPlan.of(TextEdit.insert(at, insert.toString()));
        }
        if (!blankLineBefore(at)) {
            insert.append(nl);
        }
        insert.append(block);
        return EditPlan.of(TextEdit.insert(at, insert.toString()));
    }

    /**
     * Makes a sequence hold exactly {@code items}: items that stay the same are untouched, changed scalars are
     * replaced in place, extra items are appended in the sequence's own style and surplus items are removed.
     */
    public EditPlan setItems(YamlSequence seq, List<YamlValue> items) {
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(items, "items");
        List<YamlNode> old = seq.items();
        List<TextEdit> edits = new ArrayList<>();
        int common = Math.min(old.size(), items.size());
        for (int i = 0; i < common; i++) {
            YamlNode o = old.get(i);
            YamlValue n = items.get(i);
            if (o instanceof YamlScalar s && n instanceof YamlValue.Str str) {
                edits.addAll(replaceScalar(s, str.value()).edits());
            } else if (!(n instanceof YamlValue.Str str && str.value().equals(o.scalarValue()))) {
                edits.add(new TextEdit(o.span(), Render.flow(n)));
            }
        }
        if (items.size() > old.size()) {
            edits.addAll(appendItems(seq, items.subList(old.size(), items.size())).edits());
        } else if (items.size() < old.size()) {
            edits.add(removeTail(seq, items.size()));
        }
        return EditPlan.of(edits);
    }

    /** Appends items to a sequence in its own style (block: one {@code - item} line each, at the same indent). */
    public EditPlan appendItems(YamlSequence seq, List<YamlValue> items) {
        Objects.requireNonNull(seq, "seq");
        if (items.isEmpty()) {
            return EditPlan.EMPTY;
        }
        if (seq.flow()) {
            StringBuilder b = new StringBuilder();
            for (YamlValue v : items) {
                b.append(b.length() == 0 && seq.items().isEmpty() ? "" : ", ").append(Render.flow(v));
            }
            int at = seq.items().isEmpty() ? seq.valueSpan().start() + 1
                    : seq.items().get(seq.items().size() - 1).span().end();
            return EditPlan.of(TextEdit.insert(at, b.toString()));
        }
        int dash = dashOf(seq.items().get(0));
        int indent = lines.indentOf(dash);
        StringBuilder b = new StringBuilder();
        for (YamlValue v : items) {
            b.append(Render.item(v, indent, unit, nl));
        }
        return EditPlan.of(insertAfterLine(seq.span().end(), b.toString()));
    }

    /**
     * Turns a short string value into the long mapping form: {@code image: x} becomes {@code image:} with
     * {@code name: x} and the {@code extra} entries beneath it; a sequence item {@code - x} becomes
     * {@code - name: x} and so on; in flow style {@code {name: x, ...}}. The name keeps its quoting, and an inline
     * comment stays on the {@code name:} line.
     */
    public EditPlan toLongForm(YamlScalar value, Map<String, YamlValue> extra) {
        return toLongForm(value, null, extra);
    }

    /**
     * As {@link #toLongForm(YamlScalar, Map)}, with {@code name} written as the {@code name:} value instead of the
     * scalar's own text (in the scalar's quoting style where the new value allows it); null keeps the text.
     */
    public EditPlan toLongForm(YamlScalar value, String name, Map<String, YamlValue> extra) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(extra, "extra");
        if (value.anchor() != null && !(file.parentOf(value) instanceof YamlMapping)) {
            throw new IllegalArgumentException(file.location(value) + ": anchored list item (&" + value.anchor()
                    + ") cannot become a mapping in place");
        }
        if (value.style().isBlock()) {
            throw new IllegalArgumentException(file.location(value) + ": block scalar cannot become a name: entry");
        }
        YamlNode parent = file.parentOf(value);
        String written = name == null ? file.text(value.valueSpan())
                : Scalars.render(name, value.style(), file.inFlow(value));
        // an anchor stays on the value, now the mapping: every alias of it gets the long form too
        String anchor = value.anchor() == null ? "" : "&" + value.anchor() + " ";
        if (file.inFlow(value)) {
            StringBuilder b = new StringBuilder(anchor).append("{name: ").append(written);
            extra.forEach((k, v) -> b.append(", ").append(Render.key(k, true)).append(": ").append(Render.flow(v)));
            return EditPlan.of(new TextEdit(value.span(), b.append('}').toString()));
        }
        List<TextEdit> edits = new ArrayList<>();
        int indent;
        if (parent instanceof YamlMapping map) {
            YamlEntry entry = map.entries().stream().filter(e -> e.value() == value).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file.location(value) + ": not a mapping value"));
            int colon = text.indexOf(':', entry.key().span().end());
            indent = lines.indentOf(entry.key().span().start()) + unit;
            edits.add(new TextEdit(new Span(colon + 1, value.span().end()),
                    (anchor.isEmpty() ? "" : " " + anchor.strip()) + nl + " ".repeat(indent) + "name: " + written));
        } else if (parent instanceof YamlSequence) {
            indent = lines.indentOf(value.span().start());
            edits.add(new TextEdit(value.span(), "name: " + written));
        } else {
            throw new IllegalArgumentException(file.location(value) + ": value is neither in a mapping nor a list");
        }
        StringBuilder b = new StringBuilder();
        extra.forEach((k, v) -> b.append(Render.entry(k, v, indent, unit, nl)));
        if (b.length() > 0) {
            edits.add(insertAfterLine(value.span().end(), b.toString()));
        }
        return EditPlan.of(edits);
    }

    /**
     * Replaces a whole value (scalar, alias, sequence or mapping) with a new one written on one line: a scalar
     * plain or quoted, a list or mapping in flow style.
     */
    public EditPlan replaceValue(YamlNode node, YamlValue value) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(value, "value");
        String rendered = value instanceof YamlValue.Str s
                ? Scalars.render(s.value(), ScalarStyle.PLAIN, file.inFlow(node)) : Render.flow(value);
        return EditPlan.of(new TextEdit(node.span(), rendered));
    }

    /**
     * Applies a plan and checks the result still parses.
     *
     * @throws IllegalStateException when the edited text would not parse (a bug in an edit, never the user's)
     */
    public String apply(EditPlan plan) {
        return edit(plan).text();
    }

    /**
     * As {@link #apply(EditPlan)}, giving the edited file as parsed by that check (this file when the plan changes
     * nothing), for a caller that reads it again.
     *
     * @throws IllegalStateException when the edited text would not parse (a bug in an edit, never the user's)
     */
    public YamlFile edit(EditPlan plan) {
        String out = plan.apply(text);
        if (out == text) {
            return file;
        }
        ParseResult r = new YamlParser().parse(file.name(), out);
        if (!r.ok()) {
            throw new IllegalStateException("edit would break " + file.name() + ": " + r.error().message()
                    + " at " + r.error().position());
        }
        return r.file();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** End offset of a block mapping's content (its last value). */
    private static int endOf(YamlMapping map) {
        return map.entries().get(map.entries().size() - 1).value().span().end();
    }

    /**
     * An insertion of complete lines after the line holding {@code offset - 1} (the line a node ends on). At the
     * end of a file without a final break, the break goes first and the text keeps ending without one.
     */
    private TextEdit insertAfterLine(int offset, String block) {
        int line = lines.lineOf(Math.max(0, offset - 1));
        if (offset > 0 && offset < text.length() && lines.lineStart(lines.lineOf(offset)) == offset
                && lines.lineEnd(lines.lineOf(offset)) == offset) {
            // the node ends on an empty line it holds (the kept trailing lines of a |+ block scalar)
            line = lines.lineOf(offset);
        }
        int at = lines.nextLineStart(line);
        if (at == text.length() && lines.lineEnd(line) == text.length()) {
            return TextEdit.insert(at, nl + block.substring(0, block.length() - nl.length()));
        }
        return TextEdit.insert(at, block);
    }

    /** Where the document's text ends: the end of the file, or the line of the next {@code ---} or {@code ...}. */
    private int documentEnd(YamlDocument document) {
        int idx = file.documents().indexOf(document);
        int end = text.length();
        if (idx + 1 < file.documents().size()) {
            end = lines.lineStart(lines.lineOf(file.documents().get(idx + 1).span().start()));
        }
        int searchFrom = document.root().span().end();
        int line = lines.lineOf(searchFrom) + 1;
        while (line < lines.lineCount() && lines.lineStart(line) < end) {
            String l = lines.line(line);
            if (l.equals("...") || l.startsWith("... ") || l.equals("---") || l.startsWith("--- ")) {
                return lines.lineStart(line);
            }
            line++;
        }
        return end;
    }

    private boolean blankLineBefore(int at) {
        if (at == 0) {
            return true;
        }
        int line = lines.lineOf(at - 1);
        return lines.line(line).isBlank();
    }

    /** Offset of the {@code -} that introduces a block sequence item. */
    private int dashOf(YamlNode item) {
        int i = item.span().start() - 1;
        while (i >= 0 && text.charAt(i) != '-') {
            i--;
        }
        return Math.max(i, 0);
    }

    /** True when a block sequence's dashes are at the column of the key it is the value of. */
    private boolean flushWithKey(YamlSequence seq, int dash) {
        if (file.parentOf(seq) instanceof YamlMapping map) {
            for (YamlEntry e : map.entries()) {
                if (e.value() == seq) {
                    return lines.indentOf(dash) <= lines.indentOf(e.key().span().start());
                }
            }
        }
        return false;
    }

    /** Removes items from {@code keep} on. */
    private TextEdit removeTail(YamlSequence seq, int keep) {
        List<YamlNode> items = seq.items();
        YamlNode lastOld = items.get(items.size() - 1);
        if (seq.flow()) {
            int from = keep == 0 ? items.get(0).span().start() : items.get(keep - 1).span().end();
            return TextEdit.delete(new Span(from, lastOld.span().end()));
        }
        if (keep == 0) {
            int dash = dashOf(items.get(0));
            if (file.parentOf(seq) instanceof YamlMapping map) {
                for (YamlEntry e : map.entries()) {
                    if (e.value() == seq) {
                        int colon = text.indexOf(':', e.key().span().end());
                        if (colon >= 0 && colon < dash && text.substring(colon + 1, dash).isBlank()) {
                            // "tags:\n  - a" becomes "tags: []" when nothing but blanks sits between
                            return new TextEdit(new Span(colon + 1, seq.span().end()), " []");
                        }
                    }
                }
            }
            // something sits in between (a comment): a block sequence may be flush with its key, a flow one
            // must be indented past it
            String pad = flushWithKey(seq, dash) ? " ".repeat(unit) : "";
            return new TextEdit(new Span(dash, seq.span().end()), pad + "[]");
        }
        int from = lines.lineStart(lines.lineOf(dashOf(items.get(keep))));
        int to = lines.nextLineStart(lines.lineOf(lastOld.span().end() - 1));
        if (to == text.length() && !text.endsWith("\n") && !text.endsWith("\r")) {
            // removing the final lines of a file without a final break: take the break before them instead
            from = lines.lineEnd(lines.lineOf(items.get(keep - 1).span().end()));
        }
        return TextEdit.delete(new Span(from, to));
    }
}
