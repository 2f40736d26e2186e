package dev.spotlane.transform;

import dev.spotlane.model.Location;
import java.util.Objects;

/**
 * What the pull-policy pass did with one written image.
 *
 * @param location where the image is written
 * @param ref      the reference as written
 * @param outcome  what happened
 * @param policy   the policy it has or was given (null when left alone)
 * @param reason   why it was left alone (empty otherwise)
 */
public record ImageNote(Location location, String ref, Outcome outcome, String policy, String reason) {
    public ImageNote {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    /** What happened to an image. */
    public enum Outcome {
        /** Given the policy of its class. */
        SET,
        /** Already has it. */
        COMPLIANT,
        /** Left alone, for {@link ImageNote#reason()}. */
        LEFT,
        /** Only jobs that do not run on the cloud fleet pull it: spotlane writes nothing there. */
        STAYS
    }
}
