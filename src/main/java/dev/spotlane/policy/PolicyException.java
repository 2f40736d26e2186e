package dev.spotlane.policy;

import dev.spotlane.model.Location;
import java.util.List;
import java.util.stream.Collectors;

/** A rules file that cannot be used: every problem with its location. */
public final class PolicyException extends Exception {
    private final transient List<Problem> problems;

    /** One problem in a rules file. */
    public record Problem(Location location, String message) {
        @Override
        public String toString() {
            return location + ": " + message;
        }
    }

    public PolicyException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
