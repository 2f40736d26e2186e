package dev.spotlane.cli;

import dev.spotlane.gitlab.GitLabRulesSource;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.policy.RulesSource;
import java.util.function.Function;

/** Where a command reads central rules from; loaded only when a rules file extends another project's. */
final class CentralRulesSources {
    private CentralRulesSources() {
    }

    /**
     * Where central rules are read from: {@code --gitlab-url} with the {@code --token-env} access token
     * ({@code PRIVATE-TOKEN}), else the CI job's API and job token ({@code JOB-TOKEN}), else nowhere (null).
     */
    static RulesSource source(GitLabOptions gitlab, Function<String, String> env) {
        if (gitlab != null && gitlab.given()) {
            return GitLabRulesSource.withAccessToken(gitlab.url(), GitLabTokens.of(gitlab, env));
        }
        String api = env.apply("CI_API_V4_URL");
        String job = env.apply("CI_JOB_TOKEN");
        if (api != null && !api.isBlank() && job != null && !job.isBlank()) {
            return GitLabRulesSource.withJobToken(api, new Secret(job.strip()));
        }
        return null;
    }
}
