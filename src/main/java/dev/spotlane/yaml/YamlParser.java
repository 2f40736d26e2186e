package dev.spotlane.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads YAML into positioned, lossless {@link YamlNode} trees with snakeyaml-engine's event parser (comments on).
 * Aliases are kept as {@link YamlAlias} nodes with their own positions; the limits in {@link YamlLimits} are checked
 * as the tree is built, so an alias bomb is refused without ever being expanded.
 */
public final class YamlParser {
    private final YamlLimits limits;
    private final LoadSettings settings;
    private final Map<String, List<YamlFile>> parsed;

    public YamlParser() {
        this(YamlLimits.DEFAULT);
    }

    public YamlParser(YamlLimits limits) {
        this(Objects.requireNonNull(limits, "limits"), LoadSettings.builder()
                .setParseComments(true)
                .setAllowDuplicateKeys(true)
                .setCodePointLimit(limits.codePointLimit())
                .setMaxAliasesForCollections(limits.maxAliasesForCollections())
                .build(), Map.of());
    }

    private YamlParser(YamlLimits limits, LoadSettings settings, Map<String, List<YamlFile>> parsed) {
        this.limits = limits;
        this.settings = settings;
        this.parsed = parsed;
    }

    /**
     * This parser, giving back one of {@code files} (parsed under the same limits) for a source of the same name and
     * text instead of parsing it again: a parsed file never changes, so it is what parsing would give. For reading
     * a pipeline again with only some of its files edited.
     */
    public YamlParser reusing(Collection<YamlFile> files) {
        Map<String, List<YamlFile>> byName = new HashMap<>(parsed);
        for (YamlFile f : files) {
            byName.merge(f.name(), List.of(f), (a, b) -> {
                List<YamlFile> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        return new YamlParser(limits, settings, byName);
    }

    /** Parses a source; syntax errors and exceeded limits come back as {@link ParseResult#error()}. */
    public ParseResult parse(Source source) {
        Objects.requireNonNull(source, "source");
        String text = source.text();
        for (YamlFile known : parsed.getOrDefault(source.name(), List.of())) {
            if (known.text().equals(text)) {
                return ParseResult.ok(known);
            }
        }
        if (text.length() > limits.codePointLimit()
                && text.codePointCount(0, text.length()) > limits.codePointLimit()) {
            // refuse before the reader has scanned it all
            return ParseResult.failed(new YamlError(source.name(), new Position(1, 1), 0, "file holds "
                    + text.codePointCount(0, text.length()) + " characters, more than the limit of "
                    + limits.codePointLimit()));
        }
        LineIndex lines = new LineIndex(text);
        Builder builder = new Builder(source, lines, limits);
        try {
            for (Event event : new Parse(settings).parseString(source.text())) {
                builder.accept(event);
            }
        } catch (LimitExceeded e) {
            return ParseResult.failed(e.error);
        } catch (MarkedYamlEngineException e) {
            return ParseResult.failed(fromMarked(source, lines, e));
        } catch (ReaderException e) {
            int offset = lines.charOffset(e.getPosition());
            return ParseResult.failed(new YamlError(source.name(), lines.position(offset), offset,
                    "special character " + String.format("U+%04X", e.getCodePoint()) + " is not allowed"));
        } catch (YamlEngineException e) {
            return ParseResult.failed(new YamlError(source.name(), new Position(1, 1), 0, lower(e.getMessage())));
        }
        return ParseResult.ok(new YamlFile(source, lines, builder.documents, builder.comments));
    }

    /** Parses text under a display name. */
    public ParseResult parse(String name, String text) {
        return parse(new Source(name, text));
    }

    private static YamlError fromMarked(Source source, LineIndex lines, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
        int offset = mark.map(m -> lines.charOffset(m.getIndex())).orElse(0);
        StringBuilder msg = new StringBuilder(e.getProblem() == null ? "invalid yaml" : e.getProblem().trim());
        if (e.getContext() != null && e.getContextMark().isPresent() && e.getProblemMark().isPresent()) {
            int ctx = lines.charOffset(e.getContextMark().get().getIndex());
            msg.append(" (").append(e.getContext().trim()).append(" at ").append(lines.position(ctx)).append(')');
        } else if (e.getContext() != null) {
            msg.append(" (").append(e.getContext().trim()).append(')');
        }
        return new YamlError(source.name(), lines.position(offset), offset, lower(msg.toString()));
    }

    private static String lower(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid yaml";
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Thrown inside the builder when a limit is crossed; carries the positioned error. */
    private static final class LimitExceeded extends RuntimeException {
        private final transient YamlError error;

        LimitExceeded(YamlError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** A collection being built. */
    private static final class Frame {
        final CollectionStartEvent start;
        final int startOffset;
        final List<YamlNode> items = new ArrayList<>();
        final List<YamlEntry> entries = new ArrayList<>();
        YamlNode pendingKey;
        long size = 1;
        /** How many collections deep the tallest child reaches once aliases are expanded. */
        int height;

        Frame(CollectionStartEvent start, int startOffset) {
            this.start = start;
            this.startOffset = startOffset;
        }
    }

    /** Turns the event stream into documents of nodes. */
    private static final class Builder {
        private final Source source;
        private final String text;
        private final LineIndex lines;
        private final YamlLimits limits;
        final List<YamlDocument> documents = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Map<YamlNode, Long> anchoredSizes = new java.util.IdentityHashMap<>();
        private final Map<YamlNode, Integer> anchoredHeights = new java.util.IdentityHashMap<>();
        private int docStart;
        private boolean docExplicit;
        private YamlNode root;
        private long expanded;
        private int collectionAliases;

        Builder(Source source, LineIndex lines, YamlLimits limits) {
            this.source = source;
            this.text = source.text();
            this.lines = lines;
            this.limits = limits;
        }

        private int start(Event e) {
            return lines.charOffset(e.getStartMark().map(Mark::getIndex).orElse(0));
        }

        private int end(Event e) {
            return lines.charOffset(e.getEndMark().map(Mark::getIndex).orElse(0));
        }

        void accept(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    docStart = start(event);
                    docExplicit = ((DocumentStartEvent) event).isExplicit();
                    root = null;
                    anchors.clear();
                    anchoredSizes.clear();
                    anchoredHeights.clear();
                    expanded = 0;
                }
                case DocumentEnd -> documents.add(new YamlDocument(root, new Span(docStart,
                        Math.max(docStart, end(event))), docExplicit));
                case Scalar -> scalar((ScalarEvent) event);
                case Alias -> alias((AliasEvent) event);
                case SequenceStart, MappingStart -> {
                    if (stack.size() >= limits.maxDepth()) {
                        throw limit(start(event), "collections nest deeper than the limit of " + limits.maxDepth());
                    }
                    stack.push(new Frame((CollectionStartEvent) event, start(event)));
                }
                case SequenceEnd, MappingEnd -> endCollection(event);
                case Comment -> comment((CommentEvent) event);
                default -> {
                    // StreamStart, StreamEnd: nothing to build
                }
            }
        }

        private void comment(CommentEvent c) {
            if (c.getCommentType() == CommentType.BLANK_LINE) {
                return;
            }
            int s = start(c);
            // the event starts at '#'; the comment runs to the end of its line
            int hash = text.indexOf('#', s);
            if (hash < 0) {
                return;
            }
            int e = lines.lineEnd(lines.lineOf(hash));
            boolean inline = c.getCommentType() == CommentType.IN_LINE;
            comments.add(new Comment(new Span(hash, e), text.substring(hash + 1, e), inline));
        }

        private void scalar(ScalarEvent e) {
            int s = start(e);
            int en = Math.max(s, end(e));
            ScalarStyle style = switch (e.getScalarStyle()) {
                case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
                case LITERAL -> ScalarStyle.LITERAL;
                case FOLDED -> ScalarStyle.FOLDED;
                default -> ScalarStyle.PLAIN;
            };
            String anchor = e.getAnchor().map(Anchor::getValue).orElse(null);
            String tag = e.getTag().orElse(null);
            if (s == en && anchor == null && tag == null && style == ScalarStyle.PLAIN && e.getValue().isEmpty()) {
                s = emptyValueStart(s);
                en = s;
            }
            int vs = (anchor != null || tag != null) ? skipProperties(s, en) : s;
            if (style.isBlock()) {
                en = blockScalarEnd(vs, en);
            }
            if (vs > en) {
                vs = en;
            }
            YamlScalar node = new YamlScalar(new Span(s, en), new Span(vs, en), anchor, tag, e.getValue(), style);
            added(node, 1, 0, anchor);
        }

        /**
         * Where an empty mapping value belongs: right after its {@code :}. With comments on, snakeyaml-engine marks
         * it after the comments that follow the {@code :}, at the next token, often on a later line.
         */
        private int emptyValueStart(int s) {
            Frame f = stack.peek();
            if (f == null || !(f.start instanceof MappingStartEvent) || f.pendingKey == null) {
                return s;
            }
            int colon = text.indexOf(':', f.pendingKey.span().end());
            return colon >= 0 && colon < s ? colon + 1 : s;
        }

        private void alias(AliasEvent e) {
            String name = e.getAlias().getValue();
            YamlNode target = anchors.get(name);
            int s = start(e);
            if (target == null) {
                throw limit(s, "found undefined alias \"" + name + "\"");
            }
            long size = anchoredSizes.getOrDefault(target, 1L);
            if (!(target instanceof YamlScalar)) {
                if (++collectionAliases > limits.maxAliasesForCollections()) {
                    throw limit(s, "more than " + limits.maxAliasesForCollections() + " aliases to collections");
                }
            }
            expanded = saturatingAdd(expanded, size);
            if (expanded > limits.maxExpandedNodes()) {
                throw limit(s, "alias \"" + name + "\" expands the document past " + limits.maxExpandedNodes()
                        + " nodes (an alias bomb?)");
            }
            // an alias inside collections nests its target there: a chain of aliases (&a1 [*a0], &a2 [*a1]...)
            // is short text but deep once expanded, and every walk over the expanded tree must stay bounded
            int height = anchoredHeights.getOrDefault(target, 0);
            if (stack.size() + height > limits.maxDepth()) {
                throw limit(s, "alias \"" + name + "\" nests collections " + (stack.size() + height)
                        + " deep once expanded, more than the limit of " + limits.maxDepth());
            }
            added(new YamlAlias(new Span(s, Math.max(s, end(e))), name, target), size, height, null);
        }

        private void endCollection(Event endEvent) {
            Frame f = stack.pop();
            CollectionStartEvent se = f.start;
            String anchor = se.getAnchor().map(Anchor::getValue).orElse(null);
            String tag = se.getTag().orElse(null);
            boolean flow = se.isFlow();
            int s = f.startOffset;
            int vs = (anchor != null || tag != null) ? skipProperties(s, Math.max(s, end(endEvent))) : s;
            int en;
            if (flow) {
                en = end(endEvent);
            } else {
                YamlNode last = se instanceof MappingStartEvent
                        ? (f.entries.isEmpty() ? null : f.entries.get(f.entries.size() - 1).value())
                        : (f.items.isEmpty() ? null : f.items.get(f.items.size() - 1));
                en = last == null ? vs : last.span().end();
            }
            en = Math.max(en, vs);
            YamlNode node = se instanceof MappingStartEvent
                    ? new YamlMapping(new Span(s, en), new Span(vs, en), anchor, tag, flow, f.entries)
                    : new YamlSequence(new Span(s, en), new Span(vs, en), anchor, tag, flow, f.items);
            added(node, f.size, f.height + 1, anchor);
        }

        private void added(YamlNode node, long size, int height, String anchor) {
            if (anchor != null) {
                anchors.put(anchor, node);
                anchoredSizes.put(node, size);
                anchoredHeights.put(node, height);
            }
            Frame parent = stack.peek();
            if (parent == null) {
                root = node;
                return;
            }
            parent.size = saturatingAdd(parent.size, size);
            parent.height = Math.max(parent.height, height);
            if (parent.start instanceof MappingStartEvent) {
                if (parent.pendingKey == null) {
                    parent.pendingKey = node;
                } else {
                    parent.entries.add(new YamlEntry(parent.pendingKey, node));
                    parent.pendingKey = null;
                }
            } else {
                parent.items.add(node);
            }
        }

        /** Skips anchors ({@code &a}), tags ({@code !t}), blanks and comments that precede a node's content. */
        private int skipProperties(int from, int limit) {
            int i = from;
            while (i < limit) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++;
                } else if (c == '#') {
                    i = lines.lineEnd(lines.lineOf(i));
                } else if (c == '!' && i + 1 < limit && text.charAt(i + 1) == '<') {
                    // a verbatim tag, !<tag:yaml.org,2002:str>, may hold flow indicators: it ends at '>'
                    int close = text.indexOf('>', i);
                    i = close < 0 || close >= limit ? limit : close + 1;
                } else if (c == '&' || c == '!') {
                    while (i < limit && " \t\r\n,[]{}".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                } else {
                    break;
                }
            }
            return i;
        }

        /**
         * A block scalar ends with its last content line, not with the blank lines the parser swallowed; with keep
         * chomping ({@code |+}) those blank lines are part of the value, so it ends with the last of them.
         */
        private int blockScalarEnd(int valueStart, int end) {
            int header = valueStart + 1;
            boolean keep = false;
            while (header < end && "+-0123456789".indexOf(text.charAt(header)) >= 0) {
                keep |= text.charAt(header) == '+';
                header++;
            }
            int i = end;
            while (i > header && Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            if (lines.lineOf(i) == lines.lineOf(valueStart)) {
                return header;
            }
            if (keep && end > i && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                return Math.max(header, lines.lineEnd(lines.lineOf(end - 1)));
            }
            return Math.max(header, lines.lineEnd(lines.lineOf(i - 1)));
        }

        private LimitExceeded limit(int offset, String message) {
            return new LimitExceeded(new YamlError(source.name(), lines.position(offset), offset, message));
        }

        private static long saturatingAdd(long a, long b) {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        }
    }
}
