package dev.spotlane.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/**
 * The GitLab instance and where its token is read from (a picocli mixin of cutover and init, and of
 * {@link RulesOptions} for central rules, so of usage too).
 */
final class GitLabOptions {
    @Option(names = "--gitlab-url", paramLabel = "URL",
            description = "The GitLab instance, e.g. https://gitlab.example.com (also where central rules a rules"
                    + " file extends are read; in CI: CI_API_V4_URL with the job token).")
    String gitlabUrl;

    @Option(names = "--token-env", paramLabel = "NAME", defaultValue = "GITLAB_TOKEN",
            description = "The environment variable holding an access token (the api scope for cutover, read_api"
                    + " for usage, init and central rules; default: ${DEFAULT-VALUE}). The token is never printed.")
    String tokenEnv;

    /** Whether --gitlab-url was given. */
    boolean given() {
        return gitlabUrl != null;
    }

    /** The checked instance URL, without a trailing slash. */
    String url() {
        return url(gitlabUrl);
    }

    /**
     * The token from the environment variable --token-env names: {@link GitLabTokens#of}. Not a method here:
     * picocli reflects over this mixin in every command with rules options, and {@code lint} must not load the
     * GitLab side ({@code StartupClassesTest}).
     */

    /** The instance URL, checked (http or https, no credentials) and without a trailing slash. */
    static String url(String text) {
        String u = text.strip();
        try {
            URI uri = new URI(u);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UserError("spotlane: --gitlab-url must be an http(s) URL, e.g. https://gitlab.example.com,"
                        + " got \"" + u + "\"");
            }
            if (uri.getUserInfo() != null) {
                throw new UserError("spotlane: --gitlab-url must not carry credentials; put the token in the"
                        + " environment variable --token-env names");
            }
        } catch (URISyntaxException e) {
            throw new UserError("spotlane: --gitlab-url is not a URL: \"" + u + "\"");
        }
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
