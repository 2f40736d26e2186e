package dev.spotlane.transform;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.EditPlan;
import java.util.Objects;

/**
 * One decision's edit.
 *
 * @param file  the file it applies to
 * @param plan  the edit, against the file's original text
 * @param job   the job it moves, or null
 * @param image where the image it gives a pull_policy is written, or null
 */
public record PlannedEdit(String file, EditPlan plan, String job, Location image) {
    public PlannedEdit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(plan, "plan");
    }
}
