package dev.spotlane.yaml;

import java.util.Objects;

/** One {@code key: value} pair of a mapping as written. */
public record YamlEntry(YamlNode key, YamlNode value) {
    public YamlEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The key's text when the key is a scalar (or an alias to one), else null. */
    public String keyText() {
        return key.scalarValue();
    }

    /**
     * True for a merge key {@code <<} as GitLab's YAML reader (Ruby Psych) sees it: any scalar key "<<" that is not
     * explicitly tagged {@code !!str}.
     */
    public boolean isMergeKey() {
        return key instanceof YamlScalar s && s.value().equals("<<") && !YamlMapping.STR_TAG.equals(s.tag());
    }
}
