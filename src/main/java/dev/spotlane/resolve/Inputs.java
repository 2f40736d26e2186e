package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.yaml.PlainValues;
import dev.spotlane.yaml.ScalarStyle;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Checks the inputs an include passes against the included file's {@code spec:inputs} and computes their values. */
final class Inputs {
    private Inputs() {
    }

    /**
     * @param spec     the header's {@code spec} mapping, or null when the file has no header
     * @param given    the include's {@code inputs:}, or null
     * @param at       where the include was written (for messages about missing or unknown inputs)
     * @param report   where problems go
     * @return input name → value (String, Number, Boolean or List), defaults applied
     */
    static Map<String, Object> values(YamlMapping spec, RMap given, Location at, Consumer<Diagnostic> report) {
        Map<String, Object> provided = new LinkedHashMap<>();
        if (given != null) {
            given.entries().forEach((k, v) -> provided.put(k, plain(v)));
        }
        YamlNode inputsNode = spec == null ? null : spec.get("inputs");
        Map<String, YamlEntry> declared = inputsNode != null && inputsNode.resolved() instanceof YamlMapping m
                ? m.effective() : Map.of();
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
            YamlMapping def = d.getValue().value().resolved() instanceof YamlMapping m ? m : null;
            Object value;
            if (provided.containsKey(name)) {
                value = provided.get(name);
            } else if (def != null && def.entry("default").isPresent()) {
                value = typed(def.get("default"));
                value = value == null ? "" : value;
            } else {
                report.accept(new Diagnostic(at, "include-inputs", true,
                        "\"" + name + "\" input: required value has not been provided"));
                out.put(name, "");
                continue;
            }
            check(name, value, !provided.containsKey(name), def, at, report);
            out.put(name, value);
        }
        return out;
    }

    private static void check(String name, Object value, boolean isDefault, YamlMapping def, Location at,
                              Consumer<Diagnostic> report) {
        if (def == null) {
            return;
        }
        String which = isDefault ? "default" : "provided";
        String type = def.get("type") == null || def.get("type").scalarValue() == null ? "string"
                : def.get("type").scalarValue();
        boolean ok = switch (type) {
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List;
            default -> value instanceof String;
        };
        if (!ok) {
            report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: " + which
                    + " value is not " + (type.startsWith("a") ? "an " : "a ") + type));
        }
        Object options = PlainValues.of(def.get("options"));
        if (options instanceof List<?> list && !list.isEmpty()
                && list.stream().map(String::valueOf).noneMatch(o -> o.equals(String.valueOf(value)))) {
            report.accept(new Diagnostic(at, "include-inputs", true, "\"" + name + "\" input: \"" + value
                    + "\" cannot be used because it is not in the list of allowed options"));
        }
        String regex = def.get("regex") == null ? null : def.get("regex").scalarValue();
        if (regex != null && value instanceof String s) {
            try {
                // RE2 semantics, as GitLab's Gitlab::UntrustedRegexp: linear time on a hostile pattern
                if (!com.google.re2j.Pattern.compile(regex).matcher(s).find()) {
                    report.accept(new Diagnostic(at, "include-inputs", true,
                            "\"" + name + "\" input: " + which + " value does not match required regex pattern"));
                }
            } catch (com.google.re2j.PatternSyntaxException e) {
                report.accept(new Diagnostic(at, "include-inputs", true,
                        "\"" + name + "\" input: invalid regular expression \"" + regex + "\""));
            }
        }
    }

    /**
     * The inputs of a file resolved on its own (the main file, or a component linted by itself): defaults where
     * declared; inputs without a default stay as written ({@link Interpolator#UNSET}).
     */
    static Map<String, Object> defaults(YamlMapping spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        YamlNode inputsNode = spec == null ? null : spec.get("inputs");
        if (inputsNode != null && inputsNode.resolved() instanceof YamlMapping m) {
            for (Map.Entry<String, YamlEntry> d : m.effective().entrySet()) {
                YamlMapping def = d.getValue().value().resolved() instanceof YamlMapping dm ? dm : null;
                Object value = def != null && def.entry("default").isPresent() ? PlainValues.of(def.get("default"))
                        : Interpolator.UNSET;
                out.put(d.getKey(), value == null ? "" : value);
            }
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
