package dev.spotlane.transform;

import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.YamlFile;
import java.util.Objects;

/**
 * A planned change to one file.
 *
 * @param file    the file as parsed before
 * @param plan    the edits
 * @param newText the text after the edits (re-parsed and checked)
 */
public record FileChange(YamlFile file, EditPlan plan, String newText) {
    public FileChange {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(newText, "newText");
    }

    public String name() {
        return file.name();
    }

    public String oldText() {
        return file.text();
    }
}
