package dev.spotlane.gitlab;

import dev.spotlane.policy.RulesChain;
import dev.spotlane.policy.RulesSource;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.gitlab4j.api.Constants;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.RepositoryFile;

/**
 * Central rules read through the GitLab API: in CI with the job token ({@code CI_API_V4_URL}, {@code CI_JOB_TOKEN},
 * sent as the {@code JOB-TOKEN} header), outside with a personal, project or group access token
 * ({@code PRIVATE-TOKEN}). Failures become {@link RulesSource.Unavailable} with the token scrubbed.
 */
public final class GitLabRulesSource implements RulesSource, AutoCloseable {
    private final GitLabApi api;
    private final Secret token;
    private final java.util.Map<String, String> commits = new java.util.HashMap<>();

    private GitLabRulesSource(GitLabApi api, Secret token) {
        this.api = api;
        this.token = token;
    }

    /** With a CI job token ({@code JOB-TOKEN} header); {@code apiOrServerUrl} may end in {@code /api/v4}. */
    public static GitLabRulesSource withJobToken(String apiOrServerUrl, Secret token) {
        return new GitLabRulesSource(new GitLabApi(server(apiOrServerUrl), Constants.TokenType.JOB_TOKEN,
                token.value()), token);
    }

    /** With an access token ({@code PRIVATE-TOKEN} header). */
    public static GitLabRulesSource withAccessToken(String serverUrl, Secret token) {
        return new GitLabRulesSource(new GitLabApi(server(serverUrl), token.value()), token);
    }

    private static String server(String url) {
        String u = Objects.requireNonNull(url, "url").strip();
        u = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        return u.endsWith("/api/v4") ? u.substring(0, u.length() - "/api/v4".length()) : u;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The first file read of a project at a ref fixes the commit that ref named then: the files read after it
     * (the allowlist and platforms file the central rules name, a file they extend) are read at that commit, so one
     * run never mixes two versions of the central policy when its branch moves meanwhile.
     */
    @Override
    public String read(String project, String file, String ref) throws Unavailable {
        String at = ref == null ? "HEAD" : ref;
        String pinned = commits.get(project + "\u0000" + at);
        RepositoryFile f;
        try {
            f = api.getRepositoryFileApi().getFile(project, file, pinned != null ? pinned : at);
        } catch (GitLabApiException e) {
            int status = e.getHttpStatus();
            String why = status == 404 ? "not found, or the token cannot see it"
                    : status == 401 ? "HTTP 401: the token was refused"
                    : status == 403 ? "HTTP 403: the token may not read that project (a job token needs the project"
                    + " on the central project's CI/CD job token allowlist)"
                    : status > 0 ? "HTTP " + status : "GitLab did not answer";
            throw new Unavailable(token.scrub("\"" + file + "\" of " + project + " at \"" + at + "\": " + why));
        } catch (RuntimeException e) {
            throw new Unavailable(token.scrub("\"" + file + "\" of " + project + ": GitLab did not answer"));
        }
        if (f.getSize() != null && f.getSize() > RulesChain.MAX_BYTES) {
            throw new Unavailable("\"" + file + "\" of " + project + " is " + f.getSize() + " bytes, more than the limit "
                    + RulesChain.MAX_BYTES);
        }
        if (pinned == null && f.getCommitId() != null && f.getCommitId().matches("[0-9a-f]{40,64}")) {
            commits.put(project + "\u0000" + at, f.getCommitId());
        }
        byte[] bytes = f.getDecodedContentAsBytes();
        if (bytes == null) {
            throw new Unavailable("\"" + file + "\" of " + project + ": GitLab sent no content");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unavailable("\"" + file + "\" of " + project + ": not valid UTF-8 text");
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
