package dev.spotlane.cli;

import dev.spotlane.gitlab.Secret;
import java.util.function.Function;

/** The GitLab token {@link GitLabOptions} name, read from the environment. */
final class GitLabTokens {
    private GitLabTokens() {
    }

    /** The token from the environment variable --token-env names; a UserError when it is unset or empty. */
    static Secret of(GitLabOptions o, Function<String, String> environment) {
        String text = environment.apply(o.tokenEnv);
        if (text == null || text.isBlank()) {
            throw new UserError("spotlane: environment variable " + o.tokenEnv + " is not set or empty (--token-env"
                    + " names the variable holding the GitLab token)");
        }
        return new Secret(text.strip());
    }
}
