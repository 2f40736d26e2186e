package dev.spotlane.yaml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A parsed YAML file: its source, its documents, its comments, and the means to turn offsets into positions. */
public final class YamlFile {
    private final Source source;
    private final LineIndex lines;
    private final List<YamlDocument> documents;
    private final List<Comment> comments;
    private volatile Map<YamlNode, YamlNode> parents;
    private final Map<Class<?>, Object> derived = new java.util.HashMap<>();

    YamlFile(Source source, LineIndex lines, List<YamlDocument> documents, List<Comment> comments) {
        this.source = Objects.requireNonNull(source, "source");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.documents = List.copyOf(documents);
        this.comments = List.copyOf(comments);
    }

    /**
     * A read-only view computed from this file once and kept with it (the file never changes), e.g. the model's
     * pipeline view: lint and fix ask for it per job, and building it again each time made them quadratic.
     */
    public <T> T derived(Class<T> kind, java.util.function.Function<YamlFile, T> compute) {
        synchronized (derived) {
            Object known = derived.get(kind);
            if (known != null) {
                return kind.cast(known);
            }
        }
        T made = Objects.requireNonNull(compute.apply(this), "derived view");
        synchronized (derived) {
            Object known = derived.putIfAbsent(kind, made);
            return known == null ? made : kind.cast(known);
        }
    }

    public Source source() {
        return source;
    }

    public String name() {
        return source.name();
    }

    public String text() {
        return source.text();
    }

    public LineIndex lines() {
        return lines;
    }

    public List<YamlDocument> documents() {
        return documents;
    }

    /** Every comment in the file, in order. */
    public List<Comment> comments() {
        return comments;
    }

    /** The 1-based position of a char offset. */
    public Position position(int offset) {
        return lines.position(offset);
    }

    /** Where a node starts (its content, after any anchor or tag). */
    public Position position(YamlNode node) {
        return lines.position(node.valueSpan().start());
    }

    /** {@code name:line:col} of a node, for messages. */
    public String location(YamlNode node) {
        return name() + ":" + position(node);
    }

    /** The exact text a span covers. */
    public String text(Span span) {
        return source.text().substring(span.start(), span.end());
    }

    /**
     * The collection that holds {@code node} as written (a mapping for its keys and values, a sequence for its
     * items), or null for a document root or a node not in this file. Aliases are not followed.
     */
    public YamlNode parentOf(YamlNode node) {
        Map<YamlNode, YamlNode> map = parents;
        if (map == null) {
            map = buildParents();
            parents = map;
        }
        return map.get(node);
    }

    private Map<YamlNode, YamlNode> buildParents() {
        Map<YamlNode, YamlNode> map = new IdentityHashMap<>();
        Deque<YamlNode> todo = new ArrayDeque<>();
        for (YamlDocument d : documents) {
            if (d.root() != null) {
                todo.push(d.root());
            }
        }
        while (!todo.isEmpty()) {
            YamlNode n = todo.pop();
            if (n instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    map.put(e.key(), m);
                    map.put(e.value(), m);
                    todo.push(e.key());
                    todo.push(e.value());
                }
            } else if (n instanceof YamlSequence s) {
                for (YamlNode item : s.items()) {
                    map.put(item, s);
                    todo.push(item);
                }
            }
        }
        return map;
    }

    /** Every alias in this file that refers to {@code target}, in the order written. */
    public List<YamlAlias> aliasesOf(YamlNode target) {
        parentOf(target);
        List<YamlAlias> out = new java.util.ArrayList<>();
        for (YamlNode n : parents.keySet()) {
            if (n instanceof YamlAlias a && a.target() == target) {
                out.add(a);
            }
        }
        out.sort((x, y) -> Integer.compare(x.span().start(), y.span().start()));
        return out;
    }

    /** True when {@code node} is written inside a flow collection ({@code [..]} or {@code {..}}). */
    public boolean inFlow(YamlNode node) {
        for (YamlNode n = parentOf(node); n != null; n = parentOf(n)) {
            if (n instanceof YamlMapping m && m.flow() || n instanceof YamlSequence s && s.flow()) {
                return true;
            }
        }
        return false;
    }

    /** The comment that ends the line holding {@code offset}, if any. */
    public Comment inlineCommentOnLine(int offset) {
        int line = lines.lineOf(offset);
        int start = lines.lineStart(line);
        int end = lines.lineEnd(line);
        for (Comment c : comments) {
            if (c.span().start() >= start && c.span().start() < end) {
                return c;
            }
            if (c.span().start() >= end) {
                break;
            }
        }
        return null;
    }
}
