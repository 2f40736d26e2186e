package dev.spotlane.registry;

import dev.spotlane.model.RetryDelay;

import java.time.Duration;
import java.util.Objects;

/**
 * How a registry request is retried: on HTTP 429, 500, 502, 503 and 504 and on connection failures and timeouts, at
 * most {@code maxAttempts} tries, waiting {@code initial × 2^(n-1)} (or what {@code Retry-After} asks for), never more
 * than {@code maxDelay} at a time.
 *
 * @param maxAttempts tries per request, the first included (1 = no retry)
 * @param initial     the first wait
 * @param maxDelay    the longest single wait
 * @param sleeper     how to wait (tests pass one that only records)
 */
public record Retry(int maxAttempts, Duration initial, Duration maxDelay, RetryDelay.Sleeper sleeper) {
    public Retry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The default: 4 tries, 1 s doubling to 10 s. */
    public static Retry standard() {
        return new Retry(4, Duration.ofSeconds(1), Duration.ofSeconds(10), RetryDelay.REAL);
    }

    /** The wait before try {@code attempt + 1}, {@code attempt} counted from 1. */
    Duration delay(int attempt, Duration retryAfter) {
        return RetryDelay.delay(attempt, retryAfter, initial, maxDelay);
    }
}
