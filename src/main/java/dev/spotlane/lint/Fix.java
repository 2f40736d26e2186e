package dev.spotlane.lint;

import dev.spotlane.yaml.EditPlan;
import java.util.Objects;

/** The edit that fixes a finding: a plan against one file's original text. */
public record Fix(String path, EditPlan plan) {
    public Fix {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(plan, "plan");
    }
}
