package dev.spotlane.gitlab;

/**
 * A GitLab API request that failed for good (after retries). The message names the request and GitLab's answer
 * and never holds the token.
 */
public final class GitLabException extends Exception {
    private final int status;

    GitLabException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came (connection refused, timeout). */
    public int status() {
        return status;
    }
}
