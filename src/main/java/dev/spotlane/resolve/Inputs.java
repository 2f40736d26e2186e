package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.yaml.PlainValues;
import dev.spotlane.yaml.ScalarStyle;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the inputs an include passes against the included file's {@code spec:inputs} and computes their values, as
 * GitLab's {@code Ci::Inputs::Builder} and its input classes do ({@code lib/ci/inputs/}): a given string is read as
 * JSON for number, boolean and array inputs ({@code BaseInput#coerced_value}), string inputs take any value as text,
 * an unknown {@code type} is an error naming the valid types, {@code options} apply to string, number and array
 * inputs (each element of an array), {@code regex} to string inputs only.
 */
final class Inputs {
    /** {@code Ci::Inputs::Builder.input_types}. */
    static final List<String> TYPES = List.of("array", "boolean", "number", "string");

    private Inputs() {
    }

    /**
     * @param file     the included file (where problems of its specification are reported)
     * @param spec     the header's {@code spec} mapping, or null when the file has no header
     * @param given    the include's {@code inputs:}, or null
     * @param at       where the include was written (for messages about missing or unknown inputs)
     * @param report   where problems go
     * @return input name → value (String, Number, Boolean or List), defaults applied
     */
    static Map<String, Object> values(YamlFile file, YamlMapping spec, RMap given, Location at,
                                      Consumer<Diagnostic> report) {
        Map<String, Object> provided = new LinkedHashMap<>();
        if (given != null) {
            given.entries().forEach((k, v) -> provided.put(k, plain(v)));
        }
        Map<String, YamlEntry> declared = declared(spec);
        Map<String, Object> out = new LinkedHashMap<>();
        if (declared.isEmpty() && !provided.isEmpty()) {
            report.accept(new Diagnostic(at, "include-inputs", true,
                    "given inputs not defined in the `spec` section of the included configuration file"));
            return out;
        }
        List<String> unknown = provided.keySet().stream().filter(k -> !declared.containsKey(k)).toList();
        if (!unknown.isEmpty()) {
            report.accept(new Diagnostic(at, "include-inputs", true,
                    "unknown input arguments: \"" + String.join("\", \"", unknown) + "\""));
        }
        for (Map.Entry<String, YamlEntry> d : declared.entrySet()) {
            String name = d.getKey();
            YamlNode defNode = d.getValue().value().resolved();
            YamlMapping def = defNode instanceof YamlMapping m ? m : null;
            String type = type(file, name, defNode, d.getValue(), report);
            if (type == null) {
                out.put(name, Interpolator.UNSET);
                continue;
            }
            Object value;
            boolean isDefault = !provided.containsKey(name) || provided.get(name) == null;
            if (!isDefault && unresolved(provided.get(name))) {
                // a value that is itself an input of the including file nobody gave: known only when the pipeline runs
                out.put(name, Interpolator.UNSET);
                continue;
            }
            if (!isDefault) {
                value = provided.get(name);
            } else if (def != null && def.entry("default").isPresent()) {
                value = typed(def.get("default"));
            } else {
                report.accept(new Diagnostic(at, "include-inputs", true,
                        "\"" + name + "\" input: required value has not been provided"));
                out.put(name, "");
                continue;
            }
            value = coerce(type, value);
            check(name, type, value, isDefault, def, at, report);
            out.put(name, value == null ? "" : value);
        }
        return out;
    }

    /** The inputs a header declares (empty without one). */
    private static Map<String, YamlEntry> declared(YamlMapping spec) {
        YamlNode inputsNode = spec == null ? null : spec.get("inputs");
        return inputsNode != null && inputsNode.resolved() instanceof YamlMapping m ? m.effective() : Map.of();
    }

    /** The input's type, or null (reported) when the specification names none GitLab knows. */
    private static String type(YamlFile file, String name, YamlNode def, YamlEntry entry,
                               Consumer<Diagnostic> report) {
        String type = "string";
        boolean ok = def instanceof YamlScalar s && s.isNull() || def instanceof YamlMapping;
        if (def instanceof YamlMapping m && m.get("type") != null) {
            type = m.get("type").scalarValue();
            ok = type != null && TYPES.contains(type);
        }
        if (!ok) {
            // Ci::Inputs::Builder#build_inputs!: no input class matches the specification
            report.accept(new Diagnostic(Location.of(file, entry.key()), "include-inputs", true,
                    "unknown input specification for \"" + name
                    + "\" (valid types: " + String.join(", ", TYPES) + ")"));
            return null;
        }
        return type;
    }

    /** A value still holding a {@code $[[ ... ]]} block of an input nobody gave (see {@link Interpolator#UNSET}). */
    private static boolean unresolved(Object v) {
        return v instanceof String s && s.contains("$[[");
    }

    /**
     * GitLab's {@code coerced_value}: string inputs take the text of any value; other types read a given string as
     * JSON when it is JSON ({@code "true"} is a boolean, {@code "[1, 2]"} an array), else keep it.
     */
    static Object coerce(String type, Object value) {
        if (value == null) {
            return null;
        }
        if (type.equals("string")) {
            return value instanceof String ? value : Interpolator.text(value);
        }
        if (value instanceof String s && !s.isBlank() && s.length() <= MAX_JSON) {
            try {
                Object parsed = Lazy.JSON.readValue(s, Object.class);
                return parsed instanceof Integer i ? Long.valueOf(i) : parsed;
            } catch (JacksonException e) {
                return s;
            }
        }
        return value;
    }

    /** Built on first use: most pipelines never pass a string to a typed input. */
    private static final class Lazy {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }
    /** Longer given strings are not read as JSON (an input value is at most 1 MB in GitLab; bound the work). */
    private static final int MAX_JSON = 1 << 20;

    private static void check(String name, String type, Object value, boolean isDefault, YamlMapping def,
                              Location at, Consumer<Diagnostic> report) {
        String which = isDefault ? "default" : "provided";
        boolean ok = switch (type) {
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List;
            default -> true;
        };
        if (!ok) {
            report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: " + which
                    + " value is not " + (type.startsWith("a") ? "an " : "a ") + type));
            return;
        }
        if (def == null) {
            return;
        }
        Object options = def.get("options") == null ? null : typed(def.get("options"));
        if (options instanceof List<?> list) {
            switch (type) {
                case "string" -> {
                    if (list.stream().map(Interpolator::text).noneMatch(o -> o.equals(value))) {
                        report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: \"" + value
                                + "\" cannot be used because it is not in the list of allowed options"));
                    }
                }
                case "number" -> {
                    if (list.stream().noneMatch(o -> o instanceof Number n && n.doubleValue()
                            == ((Number) value).doubleValue())) {
                        report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: \"" + value
                                + "\" cannot be used because it is not in the list of the allowed options"));
                    }
                }
                case "array" -> {
                    // lib/ci/inputs/array_input.rb: every element must be one of the options (value - options)
                    List<String> invalid = new ArrayList<>();
                    for (Object item : (List<?>) value) {
                        if (!list.contains(item)) {
                            invalid.add(Interpolator.text(item));
                        }
                    }
                    if (!invalid.isEmpty()) {
                        report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: \""
                                + String.join("\", \"", invalid) + "\" cannot be used because "
                                + (invalid.size() == 1 ? "it is" : "they are") + " not in the list of allowed options"));
                    }
                }
                default -> report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name
                        + "\" input: options can only be used with string, number and array inputs"));
            }
        }
        if (def.get("regex") != null) {
            String regex = def.get("regex").scalarValue();
            if (!type.equals("string")) {
                report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name
                        + "\" input: RegEx validation can only be used with string inputs"));
            } else if (regex != null && value instanceof String s) {
                try {
                    if (!Pattern.compile(regex).matcher(s).find()) {
                        report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: " + which
                                + " value does not match required RegEx pattern"));
                    }
                } catch (PatternSyntaxException e) {
                    report.accept(new Diagnostic(at, "include-inputs", true,
                            "\"" + name + "\" input: invalid regular expression \"" + regex + "\""));
                }
            }
        }
    }

    /**
     * The inputs of a file resolved on its own (the main file, or a component linted by itself): defaults where
     * declared, checked as GitLab checks them when a pipeline runs without inputs; inputs without a default stay as
     * written ({@link Interpolator#UNSET}): their value is known only when the pipeline runs.
     */
    static Map<String, Object> defaults(YamlFile file, YamlMapping spec, Consumer<Diagnostic> report) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlEntry> d : declared(spec).entrySet()) {
            String name = d.getKey();
            YamlNode defNode = d.getValue().value().resolved();
            YamlMapping def = defNode instanceof YamlMapping dm ? dm : null;
            String type = type(file, name, defNode, d.getValue(), report);
            if (type == null || def == null || def.entry("default").isEmpty()) {
                out.put(name, Interpolator.UNSET);
                continue;
            }
            Object value = coerce(type, typed(def.get("default")));
            check(name, type, value, true, def, Location.of(file, d.getValue().key()), report);
            out.put(name, value == null ? "" : value);
        }
        return out;
    }

    /** A given input as a plain value: plain scalars keep their YAML type. */
    static Object plain(RNode v) {
        if (v instanceof RScalar s) {
            return s.value() == null ? null : s.plain() ? typedScalar(s.value()) : s.value();
        }
        if (v instanceof RList l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        if (v instanceof RMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, x) -> out.put(k, plain(x)));
            return out;
        }
        return null;
    }

    /** A {@code spec:inputs} default as a plain value: plain scalars keep their YAML type, like given inputs. */
    static Object typed(YamlNode node) {
        YamlNode n = node.resolved();
        if (n instanceof YamlScalar s) {
            return s.isNull() ? null : s.style() == ScalarStyle.PLAIN && s.tag() == null ? typedScalar(s.value())
                    : s.value();
        }
        if (n instanceof YamlSequence seq) {
            List<Object> out = new ArrayList<>();
            seq.items().forEach(i -> out.add(typed(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YamlMapping) n).effective().forEach((k, e) -> out.put(k, typed(e.value())));
        return out;
    }

    /** A plain scalar as YAML reads it: Boolean, Long, Double, else the text. */
    private static Object typedScalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d+")) {
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        return text;
    }
}
