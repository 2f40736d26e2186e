package dev.spotlane.policy;

import java.io.IOException;

/**
 * Reads a rules file of another project (central rules named by {@code extends: {project, file, ref}}); implemented
 * over the GitLab API outside this package, so that the policy package does not depend on it.
 */
public interface RulesSource {
    /**
     * The text of {@code file} in {@code project} at {@code ref} (null: the default branch).
     *
     * @throws Unavailable when the file cannot be read now (no token, network down, not found); the caller falls
     *                     back and says so
     */
    String read(String project, String file, String ref) throws IOException, Unavailable;

    /** The central file cannot be read; the message says why, without any credential. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
