package dev.spotlane.registry;

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
public record Retry(int maxAttempts, Duration initial, Duration maxDelay, Sleeper sleeper) {
    public Retry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Waits. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The default: 4 tries, 1 s doubling to 10 s. */
    public static Retry standard() {
        return new Retry(4, Duration.ofSeconds(1), Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));
    }

    /** The wait before try {@code attempt + 1}, {@code attempt} counted from 1. */
    Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        Duration d = initial;
        for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
