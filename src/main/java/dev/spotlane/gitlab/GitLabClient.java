package dev.spotlane.gitlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;

/**
 * gitlab4j-api behind one door: every request goes through {@link #read} or {@link #write}, which count it, retry
 * 429 and 5xx with {@link Backoff}, and turn failures into {@link GitLabException}s whose text never holds the
 * token.
 */
public final class GitLabClient implements AutoCloseable {
    /** Page size for lists: GitLab's maximum, so a list takes as few requests as it can. */
    public static final int PER_PAGE = 100;

    private final GitLabApi api;
    private final Secret token;
    private final Backoff backoff;
    private Duration waited = Duration.ZERO;
    private int requests;
    private int total;

    GitLabClient(GitLabApi api, Secret token, Backoff backoff) {
        this.api = Objects.requireNonNull(api, "api");
        this.token = Objects.requireNonNull(token, "token");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * A client for a GitLab instance.
     *
     * @param url     the instance, e.g. {@code https://gitlab.example.com} ({@code /api/v4} is added)
     * @param token   a personal, group or project access token with the {@code api} scope
     * @param backoff how to retry
     */
    public static GitLabClient connect(String url, Secret token, Backoff backoff) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        GitLabApi api = new GitLabApi(url, token.value());
        api.setRequestTimeout(10_000, 60_000);
        api.setDefaultPerPage(PER_PAGE);
        return new GitLabClient(api, token, backoff);
    }

    /**
     * The gitlab4j API, for use inside {@link #read} and {@link #all} only (a call made outside them is neither
     * counted nor retried). Public for the {@code usage} subpackage.
     */
    public GitLabApi api() {
        return api;
    }

    Secret token() {
        return token;
    }

    /** Requests made since the last {@link #resetCount()}: retries count too. */
    public int count() {
        return requests;
    }

    /** Starts counting again (per project), returning the count so far. */
    public int resetCount() {
        int n = requests;
        requests = 0;
        return n;
    }

    /** Every request of the run. */
    public int total() {
        return total;
    }

    /** One GitLab request. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws GitLabApiException;
    }

    /** A read: retried on 429, 5xx and connection failures. */
    public <T> T read(String what, Call<T> call) throws GitLabException {
        return run(what, call, false);
    }

    /**
     * A write: retried only when GitLab surely did not act on it (429, 502, 503, 504), since a 500 may come after
     * the change was made; the callers handle a repeat (a branch or merge request that already exists).
     */
    <T> T write(String what, Call<T> call) throws GitLabException {
        return run(what, call, true);
    }

    /** A read where 404 means "not there". */
    <T> Optional<T> optional(String what, Call<T> call) throws GitLabException {
        try {
            return Optional.ofNullable(read(what, call));
        } catch (GitLabException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every item of a paged list, following {@code X-Next-Page}; each page is one counted, retried request. */
    public <T> List<T> all(String what, Call<Pager<T>> first) throws GitLabException {
        Pager<T> pager = read(what, first);
        List<T> out = new ArrayList<>(pager.page(1));
        while (pager.hasNext()) {
            int next = pager.getCurrentPage() + 1;
            out.addAll(read(what + " (page " + next + ")", () -> {
                try {
                    return pager.page(next);
                } catch (RuntimeException e) {
                    if (e.getCause() instanceof GitLabApiException g) {
                        throw g;
                    }
                    throw e;
                }
            }));
        }
        return out;
    }

    private <T> T run(String what, Call<T> call, boolean write) throws GitLabException {
        for (int attempt = 1; ; attempt++) {
            requests++;
            total++;
            GitLabApiException failure;
            try {
                return call.run();
            } catch (GitLabApiException e) {
                failure = e;
            } catch (RuntimeException e) {
                // the HTTP client's own failures (connection refused, timeouts, unreadable JSON)
                failure = new GitLabApiException(e);
            }
            int status = failure.getHttpStatus();
            if (!retryable(status, write) || attempt >= backoff.maxAttempts()) {
                throw failure(what, failure, attempt);
            }
            Duration wait = backoff.delay(attempt, retryAfter(failure));
            if (waited.plus(wait).compareTo(backoff.budget()) > 0) {
                throw failure(what, failure, attempt);
            }
            waited = waited.plus(wait);
            try {
                backoff.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitLabException(what + ": interrupted", 0);
            }
        }
    }

    private static boolean retryable(int status, boolean write) {
        if (status == 429) {
            return true;
        }
        if (write) {
            return status == 502 || status == 503 || status == 504;
        }
        return status == 0 || status >= 500;
    }

    private static Duration retryAfter(GitLabApiException e) {
        if (e.getHeaders() == null) {
            return null;
        }
        String v = e.getHeaders().getFirst("Retry-After");
        if (v == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private GitLabException failure(String what, GitLabApiException e, int attempts) {
        int status = e.getHttpStatus();
        String message = e.getMessage();
        if (status == 0 && e.getCause() != null) {
            message = Unreachable.describe(e, api.getGitLabServerUrl());
        }
        StringBuilder b = new StringBuilder(what).append(": ");
        b.append(status == 0 ? "no answer" : "HTTP " + status);
        if (message != null && !message.isBlank() && !message.equals(String.valueOf(status))) {
            b.append(" (").append(message.strip()).append(')');
        }
        if (attempts > 1) {
            b.append(" after ").append(attempts).append(" tries");
        }
        return new GitLabException(token.scrub(b.toString()), status);
    }

    @Override
    public void close() {
        api.close();
    }
}
