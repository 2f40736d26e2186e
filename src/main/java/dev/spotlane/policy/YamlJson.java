package dev.spotlane.policy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.serialization.NodeReader;
import dev.spotlane.yaml.ScalarStyle;
import dev.spotlane.yaml.Scalars;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * YAML checked against a JSON Schema: the YAML tree as a JSON tree for the validator, and the way back from an
 * error's instance location (a JSON pointer) to the YAML node it names, for its line and column. Shared by the rules
 * file loader and the {@code config-schema} lint check.
 */
public final class YamlJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String STR_TAG = "tag:yaml.org,2002:str";

    // YAML 1.1 as Ruby Psych's scalar scanner reads plain scalars (GitLab's YAML reader)
    private static final Pattern PSYCH_TRUE = Pattern.compile("(?i)yes|true|on");
    private static final Pattern PSYCH_FALSE = Pattern.compile("(?i)no|false|off");
    private static final Pattern PSYCH_DECIMAL = Pattern.compile("[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)");
    private static final Pattern PSYCH_BINARY = Pattern.compile("[-+]?0b[0-1_,]+");
    private static final Pattern PSYCH_OCTAL = Pattern.compile("[-+]?0[0-7_,]+");
    private static final Pattern PSYCH_HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_,]+");
    private static final Pattern PSYCH_BASE60 = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern PSYCH_FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_,]*)?\\.[0-9]*(?:[eE][-+][0-9]+)?");
    private static final Pattern PSYCH_INF = Pattern.compile("[-+]?\\.(?:inf|Inf|INF)");
    private static final Pattern PSYCH_NAN = Pattern.compile("\\.(?:nan|NaN|NAN)");

    /** How plain (unquoted, untagged) scalars get their JSON type. Quoted scalars are always strings. */
    public enum Typing {
        /** YAML 1.2 core schema: {@code true}/{@code false}, decimal integers and decimals (the rules file). */
        CORE,
        /**
         * YAML 1.1 as Ruby Psych reads it, which is how GitLab reads CI files: also {@code yes}/{@code no}/{@code on}/
         * {@code off} in any case, binary, octal, hexadecimal and base-60 integers, {@code _} and {@code ,} inside
         * numbers, {@code 1.} and {@code .5}, {@code .inf}.
         */
        PSYCH
    }

    private YamlJson() {
    }

    /** The YAML tree as JSON with {@link Typing#CORE} scalars; aliases expanded, merge keys applied. */
    public static JsonNode toJson(YamlNode node) {
        return toJson(node, Typing.CORE, n -> null);
    }

    /**
     * The YAML tree as JSON; aliases expanded, merge keys applied ({@link YamlMapping#effective()}).
     *
     * @param typing     how plain scalars are typed
     * @param substitute a JSON value standing for a node (after aliases are followed), or null to convert the node
     *                   as usual; for example a placeholder for a {@code !reference} the schema should not see
     */
    public static JsonNode toJson(YamlNode node, Typing typing, Function<YamlNode, JsonNode> substitute) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(typing, "typing");
        Objects.requireNonNull(substitute, "substitute");
        return convert(node, typing, substitute);
    }

    private static JsonNode convert(YamlNode node, Typing typing, Function<YamlNode, JsonNode> substitute) {
        YamlNode n = node.resolved();
        JsonNode replaced = substitute.apply(n);
        if (replaced != null) {
            return replaced;
        }
        if (n instanceof YamlScalar s) {
            if (s.isNull()) {
                return F.nullNode();
            }
            if (s.style() != ScalarStyle.PLAIN || STR_TAG.equals(s.tag())) {
                return F.stringNode(s.value());
            }
            return typing == Typing.CORE ? core(s.value()) : psych(s.value());
        }
        if (n instanceof YamlSequence seq) {
            ArrayNode a = F.arrayNode();
            seq.items().forEach(i -> a.add(convert(i, typing, substitute)));
            return a;
        }
        ObjectNode o = F.objectNode();
        ((YamlMapping) n).effective().forEach((k, e) -> o.set(k, convert(e.value(), typing, substitute)));
        return o;
    }

    private static JsonNode core(String v) {
        if (v.equals("true") || v.equals("false")) {
            return F.booleanNode(Boolean.parseBoolean(v));
        }
        if (v.matches("-?\\d{1,18}")) {
            return F.numberNode(Long.parseLong(v));
        }
        if (v.matches("-?\\d+\\.\\d+")) {
            return F.numberNode(Double.parseDouble(v));
        }
        return F.stringNode(v);
    }

    private static JsonNode psych(String v) {
        if (v.isEmpty() || v.length() > 64) {
            return F.stringNode(v);
        }
        char c = v.charAt(0);
        if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.')) {
            if (v.length() > 5) {
                return F.stringNode(v); // longer than any of yes, true, on, no, false, off: most plain strings
            }
            if (PSYCH_TRUE.matcher(v).matches()) {
                return F.booleanNode(true);
            }
            if (PSYCH_FALSE.matcher(v).matches()) {
                return F.booleanNode(false);
            }
            return F.stringNode(v);
        }
        String digits = v.replace("_", "").replace(",", "");
        boolean negative = digits.startsWith("-");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        try {
            if (PSYCH_DECIMAL.matcher(v).matches()) {
                return integer(new BigInteger(unsigned), negative);
            }
            if (PSYCH_BINARY.matcher(v).matches()) {
                return integer(new BigInteger(unsigned.substring(2), 2), negative);
            }
            if (PSYCH_HEX.matcher(v).matches()) {
                return integer(new BigInteger(unsigned.substring(2), 16), negative);
            }
            if (PSYCH_OCTAL.matcher(v).matches()) {
                return integer(new BigInteger(unsigned, 8), negative);
            }
            if (PSYCH_BASE60.matcher(v).matches()) {
                BigInteger total = BigInteger.ZERO;
                for (String part : unsigned.split(":")) {
                    total = total.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
                }
                return integer(total, negative);
            }
            if (PSYCH_FLOAT.matcher(v).matches() && unsigned.chars().anyMatch(Character::isDigit)) {
                return F.numberNode(Double.parseDouble(digits.endsWith(".") ? digits + "0" : digits));
            }
        } catch (NumberFormatException e) {
            return F.stringNode(v);
        }
        if (PSYCH_INF.matcher(v).matches()) {
            return F.numberNode(v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (PSYCH_NAN.matcher(v).matches()) {
            return F.numberNode(Double.NaN);
        }
        return F.stringNode(v);
    }

    private static JsonNode integer(BigInteger value, boolean negative) {
        BigInteger v = negative ? value.negate() : value;
        return v.bitLength() < 64 ? F.numberNode(v.longValue()) : F.numberNode(v);
    }

    /** Compiles a draft 2020-12 JSON Schema from a class path resource. */
    public static Schema compile(String resource) {
        return compile(readJson(resource));
    }

    /**
     * Rewrites, in place, every {@code enum} whose values are all strings (and that has no {@code type} beside it)
     * as {@code type: string} and an anchored {@code pattern} of the same values; returns the node. The validator
     * builds each enum's message when it compiles, by printing JSON, which starts Jackson's object mapper (some 450
     * classes: a third of a cold start). A caller compiling such a schema words a failure at a rewritten enum itself,
     * from the original tree ({@link #enumMessage}).
     */
    public static JsonNode enumsAsPatterns(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode values = o.get("enum");
            if (values != null && values.isArray() && !values.isEmpty() && !o.has("type")
                    && values.valueStream().allMatch(JsonNode::isString)) {
                StringBuilder regex = new StringBuilder("^(?:");
                values.valueStream().forEach(v -> regex.append(regex.length() > 4 ? "|" : "")
                        .append(Pattern.quote(v.asString())));
                o.remove("enum");
                o.put("type", "string");
                o.put("pattern", regex.append(")$").toString());
            }
            o.values().forEach(YamlJson::enumsAsPatterns);
        } else if (node != null && node.isArray()) {
            node.values().forEach(YamlJson::enumsAsPatterns);
        }
        return node;
    }

    /**
     * The validator's message for a value outside an enum, {@code does not have a value in the enumeration ["a",
     * "b"]}, written without starting Jackson's object mapper.
     */
    public static String enumMessage(JsonNode values) {
        StringBuilder b = new StringBuilder("does not have a value in the enumeration [");
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            b.append(i > 0 ? ", " : "");
            if (v.isString()) {
                b.append(Scalars.doubleQuoted(v.asString())); // YAML's double quotes escape as JSON's do
            } else {
                b.append(v.asString());
            }
        }
        return b.append(']').toString();
    }

    /**
     * Compiles a draft 2020-12 JSON Schema from its JSON tree (see {@link #readJson}), with the draft's keywords and
     * vocabularies but none of its {@code format}s: spotlane's schemas use none, and the validator's formats (e-mail,
     * domain names with their list of top-level domains, IRIs, dates) are some 35 classes loaded on every lint.
     *
     * @throws IllegalArgumentException when the schema has a {@code format} keyword, which this dialect would ignore
     */
    public static Schema compile(JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        if (!schema.findValues("format").isEmpty()) {
            throw new IllegalArgumentException("the schema uses 'format', which spotlane's schema dialect leaves out");
        }
        return SchemaRegistry.withDefaultDialect(NoFormats.DIALECT, b -> b.nodeReader(NO_READER))
                .getSchema(schema);
    }

    /** networknt's {@code Draft202012} dialect without its formats (same id, keywords and other vocabularies). */
    private static final class NoFormats {
        static final Dialect DIALECT = Dialect.builder(DialectId.DRAFT_2020_12)
                .specificationVersion(SpecificationVersion.DRAFT_2020_12)
                .idKeyword("$id")
                .keywords(KeywordType.getKeywords(SpecificationVersion.DRAFT_2020_12))
                .keywords(List.of(new NonValidationKeyword("definitions")))
                .vocabularies(Map.of(
                        "https://json-schema.org/draft/2020-12/vocab/core", true,
                        "https://json-schema.org/draft/2020-12/vocab/applicator", true,
                        "https://json-schema.org/draft/2020-12/vocab/unevaluated", true,
                        "https://json-schema.org/draft/2020-12/vocab/validation", true,
                        "https://json-schema.org/draft/2020-12/vocab/meta-data", true,
                        "https://json-schema.org/draft/2020-12/vocab/content", true))
                .build();
    }

    /**
     * Reads a JSON class path resource into a tree with Jackson's streaming parser: the schema is read once, and no
     * object mapper is built for it (building one is most of the validator's start-up time).
     */
    public static JsonNode readJson(String resource) {
        Objects.requireNonNull(resource, "resource");
        try (InputStream in = YamlJson.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, () -> resource + " missing from the jar");
            try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
                p.nextToken();
                return read(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(JsonParser p) {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode o = F.objectNode();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, read(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = F.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p));
                }
                return a;
            }
            case VALUE_STRING:
                return F.stringNode(p.getString());
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? F.numberNode(p.getBigIntegerValue())
                        : F.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return F.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return F.booleanNode(true);
            case VALUE_FALSE:
                return F.booleanNode(false);
            case VALUE_NULL:
                return F.nullNode();
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** Schemas here are given as trees and refer only inside themselves: the validator never reads text. */
    private static final NodeReader NO_READER = new NodeReader() {
        @Override
        public JsonNode readTree(String content, InputFormat format) {
            throw new UnsupportedOperationException("schemas are compiled from trees");
        }

        @Override
        public JsonNode readTree(InputStream content, InputFormat format) {
            throw new UnsupportedOperationException("schemas are compiled from trees");
        }
    };

    /**
     * Where an instance location points in the YAML tree.
     *
     * @param node     the value at the location (as written: an alias stays an alias), or null when it is an unknown
     *                 key's or could not be followed
     * @param key      the key of the last mapping entry followed, or of the unknown property when one was given
     * @param nearest  the deepest node the path could be followed to (never null)
     * @param segments the location's parts: {@code String} keys and {@code Integer} indexes
     */
    public record Target(YamlNode node, YamlNode key, YamlNode nearest, List<Object> segments) {
        public Target {
            Objects.requireNonNull(nearest, "nearest");
            segments = Collections.unmodifiableList(new ArrayList<>(segments));
        }

        /** The node to report at: the unknown key, else the value, else the last key, else the nearest node. */
        public YamlNode at() {
            return node != null ? node : key != null ? key : nearest;
        }

        /** The location as {@code a.b[0].c}; empty at the root. */
        public String dotted() {
            StringBuilder where = new StringBuilder();
            for (Object el : segments) {
                if (el instanceof Integer idx) {
                    where.append('[').append(idx).append(']');
                } else {
                    where.append(where.length() == 0 ? "" : ".").append(el);
                }
            }
            return where.toString();
        }
    }

    /**
     * Follows an instance location from {@code root}, through aliases and merge keys as {@link #toJson} did.
     *
     * @param unknownProperty for an error about a property that should not be there ({@code additionalProperties}),
     *                        that property: the target is then its key; else null
     */
    public static Target locate(YamlNode root, NodePath location, String unknownProperty) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(location, "location");
        YamlNode node = root;
        YamlNode nearest = root;
        YamlNode keyNode = null;
        List<Object> segments = new ArrayList<>(location.getNameCount());
        for (int i = 0; i < location.getNameCount(); i++) {
            Object el = location.getElement(i);
            YamlNode r = node == null ? null : node.resolved();
            if (el instanceof Integer idx) {
                segments.add(idx);
                node = r instanceof YamlSequence s && idx < s.items().size() ? s.items().get(idx) : null;
                keyNode = null;
            } else {
                String key = String.valueOf(el);
                segments.add(key);
                YamlEntry entry = r instanceof YamlMapping m ? m.entry(key).orElse(null) : null;
                node = entry == null ? null : entry.value();
                keyNode = entry == null ? null : entry.key();
            }
            if (node != null) {
                nearest = node;
            }
        }
        if (unknownProperty != null && node != null && node.resolved() instanceof YamlMapping m) {
            YamlEntry entry = m.entry(unknownProperty).orElse(null);
            if (entry != null) {
                return new Target(null, entry.key(), nearest, segments);
            }
        }
        return new Target(node, keyNode, nearest, segments);
    }
}
