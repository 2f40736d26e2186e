package dev.spotlane.model;

import java.util.Objects;

/** Something in a pipeline that GitLab would reject or that cannot be read as intended, at its location. */
public record ModelProblem(Location location, String message) {
    public ModelProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
