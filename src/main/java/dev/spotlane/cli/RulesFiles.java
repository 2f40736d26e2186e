package dev.spotlane.cli;

import dev.spotlane.Spotlane;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads the rules for a command; a bad rules file is a {@link UserError} listing every problem. */
final class RulesFiles {
    private RulesFiles() {
    }

    static Policy load(Path rules, Path repoRoot) {
        try {
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
}
