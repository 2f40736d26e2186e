package dev.spotlane.cli;

import dev.spotlane.Spotlane;
import dev.spotlane.gitlab.GitLabRulesSource;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.RulesChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads the rules for a command; a bad rules file is a {@link UserError} listing every problem. */
final class RulesFiles {
    private RulesFiles() {
    }

    static Policy load(Path rules, Path repoRoot) {
        return load(rules, repoRoot, System.getenv(), System.err);
    }

    /** As {@link #load(Path, Path)}, with the environment and the stream for notices given. */
    static Policy load(Path rules, Path repoRoot, java.util.Map<String, String> env, java.io.PrintStream err) {
        try {
            Policy chained = extended(rules, repoRoot, env, err);
            if (chained != null) {
                return chained;
            }
            return Spotlane.policy(repoRoot, rules);
        } catch (NoSuchFileException e) {
            throw new UserError((rules != null ? PipelineFiles.display(rules) : e.getFile())
                    + ": no such file or directory");
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        } catch (PolicyException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The rules when the file {@code extends:} another (issue 16), with what could not be read said once on stderr;
     * null when it does not.
     */
    private static Policy extended(Path rules, Path repoRoot, java.util.Map<String, String> env,
                                   java.io.PrintStream err) throws IOException, PolicyException {
        Path file = rules != null ? rules : repoRoot.resolve(Spotlane.REPO_RULES);
        if (!Files.isRegularFile(file) || Files.size(file) > RulesChain.MAX_BYTES
                || !RulesChain.extendsAnother(Files.readString(file))) {
            return null;
        }
        String api = env.get("CI_API_V4_URL");
        String job = env.get("CI_JOB_TOKEN");
        RulesChain.Result r;
        if (api != null && !api.isBlank() && job != null && !job.isBlank()) {
            // in CI: central rules through the API with the job token (JOB-TOKEN header)
            try (GitLabRulesSource source = GitLabRulesSource.withJobToken(api, new Secret(job))) {
                r = RulesChain.load(file, repoRoot, source);
            }
        } else {
            r = RulesChain.load(file, repoRoot, null);
        }
        r.notices().forEach(n -> err.println("spotlane: " + n));
        return r.policy();
    }
}
