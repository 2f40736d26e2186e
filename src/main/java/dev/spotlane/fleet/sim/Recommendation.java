package dev.spotlane.fleet.sim;

/**
 * The recommended {@code idle_time}: the cheapest whose p95 added wait is within the bound (by VM-hours when a
 * class has no price); when none is, the one with the shortest p95 wait.
 *
 * @param idleTime    the recommended idle_time (ms)
 * @param withinBound whether its p95 wait is within the bound
 * @param byCost      true when compared by cost, false when by VM-hours
 */
public record Recommendation(long idleTime, boolean withinBound, boolean byCost) {
}
