package dev.spotlane.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mapping as written, block or flow. {@link #entries()} are the pairs in written order (duplicates and merge keys
 * included); {@link #effective()} is what GitLab reads after applying merge keys.
 */
public final class YamlMapping implements YamlNode {
    static final String STR_TAG = "tag:yaml.org,2002:str";

    private final Span span;
    private final Span valueSpan;
    private final String anchor;
    private final String tag;
    private final boolean flow;
    private final List<YamlEntry> entries;
    private volatile Map<String, YamlEntry> effective;

    public YamlMapping(Span span, Span valueSpan, String anchor, String tag, boolean flow, List<YamlEntry> entries) {
        this.span = Objects.requireNonNull(span, "span");
        this.valueSpan = Objects.requireNonNull(valueSpan, "valueSpan");
        this.anchor = anchor;
        this.tag = tag;
        this.flow = flow;
        this.entries = List.copyOf(entries);
    }

    @Override
    public Span span() {
        return span;
    }

    @Override
    public Span valueSpan() {
        return valueSpan;
    }

    @Override
    public String anchor() {
        return anchor;
    }

    @Override
    public String tag() {
        return tag;
    }

    public boolean flow() {
        return flow;
    }

    /** The pairs in the order written, including duplicate keys and merge keys. */
    public List<YamlEntry> entries() {
        return entries;
    }

    /**
     * The entries GitLab sees, keyed by key text, in first-insertion order, with Ruby Psych's semantics: entries
     * are read in order and a later one replaces an earlier one with the same key (keeping its place); a merge key
     * ({@code <<: *a}) copies the referenced mapping's effective entries over what came before it; a sequence of
     * mappings ({@code <<: [*a, *b]}) is merged with the earlier one winning. Entries with non-scalar keys are left
     * out. Merged entries are the ones written in the referenced mapping, so their positions point there.
     */
    public Map<String, YamlEntry> effective() {
        Map<String, YamlEntry> result = effective;
        if (result == null) {
            result = Collections.unmodifiableMap(computeEffective());
            effective = result;
        }
        return result;
    }

    private Map<String, YamlEntry> computeEffective() {
        Map<String, YamlEntry> map = new LinkedHashMap<>();
        for (YamlEntry e : entries) {
            if (e.isMergeKey() && mergeInto(map, e.value())) {
                continue;
            }
            String key = e.keyText();
            if (key != null) {
                map.put(key, e);
            }
        }
        return map;
    }

    /**
     * Applies a merge key's value as written; false when it cannot be merged (then it is an ordinary key). Like
     * Psych, a mapping or an alias to one is merged, and so is a sequence of mappings written in place; an alias to
     * a sequence is not (Psych merges it as one value, which fails).
     */
    private static boolean mergeInto(Map<String, YamlEntry> map, YamlNode written) {
        if (written.resolved() instanceof YamlMapping m) {
            map.putAll(m.effective());
            return true;
        }
        if (written instanceof YamlSequence seq) {
            Map<String, YamlEntry> merged = new LinkedHashMap<>();
            for (int i = seq.items().size() - 1; i >= 0; i--) {
                if (!(seq.items().get(i).resolved() instanceof YamlMapping m)) {
                    return false;
                }
                merged.putAll(m.effective());
            }
            map.putAll(merged);
            return true;
        }
        return false;
    }

    /** The effective entry for {@code key}, merge keys applied. */
    public Optional<YamlEntry> entry(String key) {
        return Optional.ofNullable(effective().get(key));
    }

    /** The effective value for {@code key} (not resolved: an alias stays an alias), or null. */
    public YamlNode get(String key) {
        YamlEntry e = effective().get(key);
        return e == null ? null : e.value();
    }

    /** The last entry written directly in this mapping (not merged in) with this key, or empty. */
    public Optional<YamlEntry> ownEntry(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (key.equals(entries.get(i).keyText()) && !entries.get(i).isMergeKey()) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "YamlMapping" + span + (flow ? "{flow}" : "") + "(" + entries.size() + " entries)";
    }
}
