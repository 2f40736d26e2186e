package dev.spotlane.fleet.terraform;

import dev.spotlane.fleet.Toml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A small model of an HCL (HashiCorp Configuration Language, native syntax) body, rendered the way
 * {@code terraform fmt} lays it out: two-space indentation, the {@code =} of consecutive one-line attributes aligned,
 * one blank line between top-level blocks. Values from the rules enter only through {@link #str}, which escapes
 * quotes, backslashes, control characters and the template sequences {@code ${} and {@code %{}, so a name in the rules
 * can never become an expression.
 */
final class Hcl {
    private Hcl() {
    }

    /** One item of a body: an attribute, a nested block, a comment line or a blank line. */
    sealed interface Item permits Attribute, Block, Comment, Blank {
    }

    /** {@code name = expression}; the expression is HCL source text (built with {@link #str} and friends). */
    record Attribute(String name, String expression) implements Item {
        Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** A comment line ({@code # text}); the text is made one line. */
    record Comment(String text) implements Item {
    }

    /** A blank line. */
    record Blank() implements Item {
    }

    /** {@code type "label" ... { items }}. */
    static final class Block implements Item {
        final String type;
        final List<String> labels;
        final List<Item> items = new ArrayList<>();

        Block(String type, String... labels) {
            this.type = Objects.requireNonNull(type, "type");
            this.labels = List.of(labels);
        }

        Block attr(String name, String expression) {
            items.add(new Attribute(name, expression));
            return this;
        }

        Block attrStr(String name, String value) {
            return attr(name, str(value));
        }

        Block block(Block b) {
            items.add(b);
            return this;
        }

        Block comment(String text) {
            items.add(new Comment(text));
            return this;
        }

        Block blank() {
            items.add(new Blank());
            return this;
        }
    }

    /** A quoted string literal holding exactly {@code s}. */
    static String str(String s) {
        return "\"" + escape(s) + "\"";
    }

    /**
     * The inside of a quoted template: {@code s} as literal text. HCL's quoted strings take TOML's backslash escapes
     * ({@link Toml#str}); beyond them a template sequence {@code ${} or {@code %{} is written {@code $${} or
     * {@code %%{}.
     */
    static String escape(String s) {
        String quoted = Toml.str(s);
        return quoted.substring(1, quoted.length() - 1).replace("${", "$${").replace("%{", "%%{");
    }

    /** A one-line list of string literals. */
    static String strings(List<String> values) {
        return values.stream().map(Hcl::str).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A list of string literals, one a line when there are more than one (as people lay out IAM lists). */
    static String stringsTall(List<String> values, int indent) {
        if (values.size() <= 1) {
            return strings(values);
        }
        String pad = " ".repeat(indent + 2);
        return values.stream().map(v -> pad + str(v)).collect(Collectors.joining(",\n", "[\n", ",\n"
                + " ".repeat(indent) + "]"));
    }

    /** A comment text made safe for one {@code #} line. */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }

    /** The top-level items of a file, each block followed by a blank line except the last. */
    static String render(List<Item> top) {
        StringBuilder b = new StringBuilder();
        body(b, top, 0);
        return b.toString();
    }

    private static void body(StringBuilder b, List<Item> items, int indent) {
        String pad = " ".repeat(indent);
        int i = 0;
        while (i < items.size()) {
            Item item = items.get(i);
            if (item instanceof Attribute) {
                // terraform fmt aligns runs of one-line attributes; a multi-line one stands alone
                int end = i;
                int width = 0;
                while (end < items.size() && items.get(end) instanceof Attribute a) {
                    if (a.expression().contains("\n")) {
                        if (end == i) {
                            width = a.name().length();
                            end++;
                        }
                        break;
                    }
                    width = Math.max(width, a.name().length());
                    end++;
                }
                for (int k = i; k < end; k++) {
                    Attribute a = (Attribute) items.get(k);
                    b.append(pad).append(a.name()).append(" ".repeat(width - a.name().length())).append(" = ")
                            .append(a.expression()).append('\n');
                }
                i = end;
                continue;
            }
            if (item instanceof Comment c) {
                b.append(pad).append("# ").append(oneLine(c.text())).append('\n');
            } else if (item instanceof Blank) {
                b.append('\n');
            } else if (item instanceof Block blk) {
                b.append(pad).append(blk.type);
                for (String l : blk.labels) {
                    b.append(' ').append(str(l));
                }
                if (blk.items.isEmpty()) {
                    b.append(" {}\n");
                } else {
                    b.append(" {\n");
                    body(b, blk.items, indent + 2);
                    b.append(pad).append("}\n");
                }
            }
            i++;
        }
    }
}
