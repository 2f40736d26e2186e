package dev.spotlane.cli;

import dev.spotlane.Spotlane;
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
        try {
            Policy chained = extended(rules, repoRoot);
            if (chained != null) {
                return chained;
            }
            return Spotlane.policy(repoRoot, rules);
        } catch (NoSuchFileException e) {
            throw new UserError(PipelineFiles.display(rules) + ": no such file or directory");
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
    private static Policy extended(Path rules, Path repoRoot) throws IOException, PolicyException {
        Path file = rules != null ? rules : repoRoot.resolve(Spotlane.REPO_RULES);
        if (!Files.isRegularFile(file) || Files.size(file) > RulesChain.MAX_BYTES
                || !RulesChain.extendsAnother(Files.readString(file))) {
            return null;
        }
        RulesChain.Result r = RulesChain.load(file, repoRoot, null);
        r.notices().forEach(n -> System.err.println("spotlane: " + n));
        return r.policy();
    }
}
