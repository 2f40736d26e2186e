package dev.spotlane.images;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Just enough HashiCorp Configuration Language for the tests of the AMI bake files, written here independently of
 * the code under test.
 * <ul>
 *   <li>{@link #listVariables(String)}: a strict reader for a variables file ({@code .pkrvars.hcl}) whose attributes
 *       are lists of literal strings, e.g. {@code images = [ "a", "b", ]}: comments ({@code #}, {@code //},
 *       and block comments), newlines inside the brackets, an optional trailing comma, and the string escapes
 *       {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t}, a backslash-u with four hex digits,
 *       {@code $${} and {@code %%{}. Anything else (an interpolation, an unknown escape, a missing comma, a
 *       duplicate attribute) is an error.</li>
 *   <li>{@link #parse(String)}: the structure of a template ({@code .pkr.hcl}): blocks with labels and attributes
 *       whose expressions are kept as source text; brackets must balance and quotes must close outside comments,
 *       and strings may hold {@code ${...}} interpolations with strings nested inside.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s with {@code line:col}.
 */
public final class Hcl {
    private final String text;
    private int pos;

    private Hcl(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** A block: {@code type "label" ... { body }}, or the whole file (type "", no labels). */
    public record Block(String type, List<String> labels, Map<String, String> attributes, List<Block> blocks) {
        /** Nested blocks of a type. */
        public List<Block> blocks(String blockType) {
            return blocks.stream().filter(b -> b.type().equals(blockType)).toList();
        }

        /** The one nested block of a type with these labels. */
        public Block block(String blockType, String... withLabels) {
            List<Block> found = blocks.stream().filter(b -> b.type().equals(blockType)
                    && b.labels().equals(List.of(withLabels))).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one block " + blockType + " " + List.of(withLabels) + ", found "
                        + found.size());
            }
            return found.get(0);
        }
    }

    // ---------------------------------------------------------------- variables file

    /** Every attribute of a variables file, each a list of literal strings, in order. */
    public static Map<String, List<String>> listVariables(String text) {
        Hcl h = new Hcl(text);
        Map<String, List<String>> out = new LinkedHashMap<>();
        h.skipBlank(true);
        while (h.pos < text.length()) {
            int start = h.pos;
            String name = h.identifier();
            if (out.containsKey(name)) {
                throw h.error(start, "attribute \"" + name + "\" set twice");
            }
            h.skipBlank(false);
            h.expect('=');
            h.skipBlank(false);
            h.expect('[');
            List<String> items = new ArrayList<>();
            h.skipBlank(true);
            while (h.peek() != ']') {
                items.add(h.literalString());
                h.skipBlank(true);
                if (h.peek() == ',') {
                    h.pos++;
                    h.skipBlank(true);
                } else if (h.peek() != ']') {
                    throw h.error(h.pos, "expected \",\" or \"]\" after a list item");
                }
            }
            h.pos++;
            h.skipBlank(false);
            if (h.pos < text.length() && h.peek() != '\n') {
                throw h.error(h.pos, "expected a new line after an attribute");
            }
            out.put(name, items);
            h.skipBlank(true);
        }
        return out;
    }

    /** A quoted string with no interpolation, decoded. */
    private String literalString() {
        int start = pos;
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length() || peek() == '\n') {
                throw error(start, "unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            }
            if (c == '\\') {
                char e = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(hex(pos + 2, 4), 16));
                        pos += 4;
                    }
                    default -> throw error(pos, "unknown escape \"\\" + e + "\"");
                }
                pos += 2;
            } else if (text.startsWith("$${", pos) || text.startsWith("%%{", pos)) {
                b.append(c).append('{');
                pos += 3;
            } else if (text.startsWith("${", pos) || text.startsWith("%{", pos)) {
                throw error(pos, "a template sequence in a literal string");
            } else {
                b.append(c);
                pos++;
            }
        }
    }

    private String hex(int from, int n) {
        if (from + n > text.length() || !text.substring(from, from + n).matches("[0-9a-fA-F]+")) {
            throw error(from, "expected " + n + " hex digits");
        }
        return text.substring(from, from + n);
    }

    // ---------------------------------------------------------------- template structure

    /** The structure of a whole file: a root block of type "" holding the top-level attributes and blocks. */
    public static Block parse(String text) {
        Hcl h = new Hcl(text);
        Block root = h.body("", List.of(), -1);
        if (h.pos < text.length()) {
            throw h.error(h.pos, "unexpected \"" + h.peek() + "\"");
        }
        return root;
    }

    private Block body(String type, List<String> labels, int openedAt) {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (pos >= text.length()) {
                if (openedAt >= 0) {
                    throw error(openedAt, "block \"" + type + "\" is not closed");
                }
                break;
            }
            if (peek() == '}') {
                if (openedAt < 0) {
                    throw error(pos, "\"}\" without a block to close");
                }
                pos++;
                break;
            }
            int start = pos;
            String name = identifier();
            skipBlank(false);
            if (peek() == '=') {
                pos++;
                if (attributes.put(name, expression().strip()) != null) {
                    throw error(start, "attribute \"" + name + "\" set twice");
                }
                continue;
            }
            List<String> blockLabels = new ArrayList<>();
            while (peek() == '"' || isIdentifierStart(peek())) {
                blockLabels.add(peek() == '"' ? literalString() : identifier());
                skipBlank(false);
            }
            int open = pos;
            expect('{');
            blocks.add(body(name, blockLabels, open));
        }
        return new Block(type, List.copyOf(labels), attributes, blocks);
    }

    /** An expression's source text: up to the end of the line at bracket depth 0 (brackets must match). */
    private String expression() {
        int start = pos;
        Deque<int[]> open = new ArrayDeque<>();
        while (pos < text.length()) {
            char c = peek();
            if (c == '\n' && open.isEmpty()) {
                break;
            }
            if (c == '#' || text.startsWith("//", pos)) {
                if (open.isEmpty()) {
                    String expr = text.substring(start, pos);
                    while (pos < text.length() && peek() != '\n') {
                        pos++;
                    }
                    return expr;
                }
                skipComment();
                continue;
            }
            if (text.startsWith("/*", pos)) {
                skipComment();
                continue;
            }
            if (c == '"') {
                templateString();
                continue;
            }
            if (text.startsWith("<<", pos) && pos + 2 < text.length()
                    && (isIdentifierStart(text.charAt(pos + 2)) || text.charAt(pos + 2) == '-')) {
                throw error(pos, "heredocs are not supported by this reader");
            }
            if (c == '(' || c == '[' || c == '{') {
                open.push(new int[] {c, pos});
            } else if (c == ')' || c == ']' || c == '}') {
                if (open.isEmpty()) {
                    if (c == '}') {
                        break;
                    }
                    throw error(pos, "\"" + c + "\" without a matching opening bracket");
                }
                int[] o = open.pop();
                if (closing((char) o[0]) != c) {
                    throw error(pos, "\"" + c + "\" closes \"" + (char) o[0] + "\" opened at " + where(o[1]));
                }
            }
            pos++;
        }
        if (!open.isEmpty()) {
            throw error(open.peek()[1], "\"" + (char) open.peek()[0] + "\" is not closed");
        }
        return text.substring(start, pos);
    }

    /** A quoted template string, interpolations and nested strings included. */
    private void templateString() {
        int start = pos;
        pos++;
        while (true) {
            if (pos >= text.length() || peek() == '\n') {
                throw error(start, "unterminated string");
            }
            char c = peek();
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos += 2;
            } else if (text.startsWith("$${", pos) || text.startsWith("%%{", pos)) {
                pos += 3;
            } else if (text.startsWith("${", pos) || text.startsWith("%{", pos)) {
                int open = pos;
                pos += 2;
                int depth = 1;
                while (depth > 0) {
                    if (pos >= text.length()) {
                        throw error(open, "interpolation is not closed");
                    }
                    char d = peek();
                    if (d == '"') {
                        templateString();
                        continue;
                    }
                    depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                    pos++;
                }
            } else {
                pos++;
            }
        }
    }

    private static char closing(char open) {
        return open == '(' ? ')' : open == '[' ? ']' : '}';
    }

    // ---------------------------------------------------------------- shared

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos, "expected \"" + c + "\"" + (pos < text.length() ? ", found \"" + peek() + "\"" : ""));
        }
        pos++;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private String identifier() {
        int start = pos;
        if (!isIdentifierStart(peek())) {
            throw error(pos, pos < text.length() ? "expected a name, found \"" + peek() + "\"" : "expected a name");
        }
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Spaces and comments; new lines too when {@code newlines}. A line comment ends with its new line. */
    private void skipBlank(boolean newlines) {
        while (pos < text.length()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF' && pos == 0 || newlines && c == '\n') {
                pos++;
            } else if (c == '#' || text.startsWith("//", pos)) {
                if (!newlines) {
                    while (pos < text.length() && peek() != '\n') {
                        pos++;
                    }
                    return;
                }
                skipComment();
            } else if (text.startsWith("/*", pos)) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        if (text.startsWith("/*", pos)) {
            int end = text.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error(pos, "comment is not closed");
            }
            pos = end + 2;
            return;
        }
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length() : nl + 1;
    }

    private String where(int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return line + ":" + col;
    }

    private IllegalArgumentException error(int offset, String message) {
        return new IllegalArgumentException(where(offset) + ": " + message);
    }
}
