package dev.spotlane.gitlab;

import dev.spotlane.model.RetryDelay;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed API requests are retried: HTTP 429 and 5xx (and connection failures for reads) wait
 * {@code initial × 2^(attempt-1)} capped at {@code maxDelay}, or what {@code Retry-After} asks for, at most
 * {@code maxAttempts} tries per request and at most {@code budget} of waiting in the whole run, so a GitLab that is
 * down makes the run fail in bounded time instead of hanging.
 *
 * @param maxAttempts tries per request, the first included (1 = no retry)
 * @param initial     the first wait
 * @param maxDelay    the longest single wait
 * @param budget      the total waiting allowed in one run
 * @param sleeper     how to wait (tests pass one that only records)
 */
public record Backoff(int maxAttempts, Duration initial, Duration maxDelay, Duration budget, RetryDelay.Sleeper sleeper) {
    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The default: 5 tries per request, 1 s doubling to 30 s, at most 5 minutes of waiting per run. */
    public static Backoff standard() {
        return new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5),
                RetryDelay.REAL);
    }

    /** The wait before try {@code attempt + 1}, {@code attempt} counted from 1. */
    Duration delay(int attempt, Duration retryAfter) {
        return RetryDelay.delay(attempt, retryAfter, initial, maxDelay);
    }
}
