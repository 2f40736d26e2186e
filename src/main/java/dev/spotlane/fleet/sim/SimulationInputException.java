package dev.spotlane.fleet.sim;

/**
 * Bad input to the simulator (a job trace, a prices file, a duration): the message is one line, starting with
 * where the problem is when that is known ({@code jobs.json:12:7: ...}).
 */
public final class SimulationInputException extends Exception {
    public SimulationInputException(String message) {
        super(message, null, false, false);
    }
}
