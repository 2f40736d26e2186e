package dev.spotlane.model;

import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job or hidden job (a top-level key starting with {@code .}) as written in one file: merge keys applied,
 * {@code extends}, {@code !reference} and includes not yet resolved.
 */
public final class Job {
    private final YamlFile file;
    private final YamlEntry entry;
    private final String name;

    Job(YamlFile file, YamlEntry entry) {
        this.file = Objects.requireNonNull(file, "file");
        this.entry = Objects.requireNonNull(entry, "entry");
        this.name = entry.keyText();
    }

    public String name() {
        return name;
    }

    /** True for a hidden job ({@code .name}): a template that never runs by itself. */
    public boolean hidden() {
        return name.startsWith(".");
    }

    /** The entry as written: the key (for positions and {@code # spotlane:} markers) and its value. */
    public YamlEntry entry() {
        return entry;
    }

    public YamlFile file() {
        return file;
    }

    /** Where the job's name was written. */
    public Location location() {
        return Location.of(file, entry.key());
    }

    /** The job's mapping, or null when its value is not a mapping (legal only for hidden keys). */
    public YamlMapping body() {
        return entry.value().resolved() instanceof YamlMapping m ? m : null;
    }

    /** The value of a job keyword (merge keys applied; an alias stays an alias), or null. */
    public YamlNode get(String keyword) {
        YamlMapping body = body();
        return body == null ? null : body.get(keyword);
    }

    /** True when the keyword is present, even with a null value. */
    public boolean has(String keyword) {
        YamlMapping body = body();
        return body != null && body.entry(keyword).isPresent();
    }

    /** A trigger job starts a downstream pipeline and runs on no runner. */
    public boolean isTrigger() {
        return has("trigger");
    }

    /** {@code stage}, or null when not written here. */
    public String stage() {
        YamlNode n = get("stage");
        return n == null ? null : n.scalarValue();
    }

    /** The {@code tags} sequence as written, or null. */
    public YamlSequence tagsNode() {
        YamlNode n = get("tags");
        return n != null && n.resolved() instanceof YamlSequence s ? s : null;
    }

    /** The tag strings as written (scalar items only), or empty when there are none. */
    public List<String> tags() {
        YamlSequence s = tagsNode();
        if (s == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : s.items()) {
            String v = item.scalarValue();
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The parents named by {@code extends} (one name or a list), in order. */
    public List<String> extendsNames() {
        YamlNode n = get("extends");
        if (n == null) {
            return List.of();
        }
        if (n.resolved() instanceof YamlScalar s) {
            return s.isNull() ? List.of() : List.of(s.value());
        }
        List<String> out = new ArrayList<>();
        if (n.resolved() instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                String v = item.scalarValue();
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** The job's {@code variables} mapping, or empty. */
    public Optional<YamlMapping> variables() {
        YamlNode n = get("variables");
        return n != null && n.resolved() instanceof YamlMapping m ? Optional.of(m) : Optional.empty();
    }

    /** {@code inherit}, {@code parallel}, {@code trigger} and other keywords as raw nodes. */
    public Optional<YamlNode> keyword(String keyword) {
        return Optional.ofNullable(get(keyword));
    }

    @Override
    public String toString() {
        return "Job[" + name + " at " + location() + "]";
    }
}
