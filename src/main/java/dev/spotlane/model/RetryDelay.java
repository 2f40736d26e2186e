package dev.spotlane.model;

import java.time.Duration;

/**
 * The wait before a retried network request, shared by the registry client and the GitLab adapters: what
 * {@code Retry-After} asks for, else {@code initial × 2^(attempt-1)}, never more than {@code maxDelay}.
 */
public final class RetryDelay {
    private RetryDelay() {
    }

    /** How a retry waits (tests pass one that only records). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Sleeps for real. */
    public static final Sleeper REAL = d -> Thread.sleep(d.toMillis());

    /**
     * The wait before try {@code attempt + 1}, {@code attempt} counted from 1.
     *
     * @param retryAfter what the server asked for, or null
     */
    public static Duration delay(int attempt, Duration retryAfter, Duration initial, Duration maxDelay) {
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
