package dev.spotlane.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A new value to write into a file: a string, a list or a mapping of them. */
public sealed interface YamlValue {

    static YamlValue string(String value) {
        return new Str(value);
    }

    static YamlValue list(List<String> values) {
        return new Seq(values.stream().map(v -> (YamlValue) new Str(v)).toList());
    }

    /** A mapping in the given order. */
    static YamlValue map(Map<String, YamlValue> entries) {
        return new Mapping(new LinkedHashMap<>(entries));
    }

    /** An integer scalar, written plain (GitLab reads it as a number: {@code retry: {max: 2}}). */
    static YamlValue integer(long value) {
        return new Int(value);
    }

    /** An integer, written as a plain number. */
    record Int(long value) implements YamlValue {
    }

    /** A string scalar; written plain when YAML would read it back as the same string, else quoted. */
    record Str(String value) implements YamlValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A sequence. */
    record Seq(List<YamlValue> items) implements YamlValue {
        public Seq {
            items = List.copyOf(items);
        }
    }

    /** A mapping, in insertion order. */
    record Mapping(LinkedHashMap<String, YamlValue> entries) implements YamlValue {
        public Mapping {
            Objects.requireNonNull(entries, "entries");
        }
    }
}
