package dev.spotlane.resolve;

import dev.spotlane.yaml.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where included files come from: a checkout on disk, or (later) a project read through the GitLab API. Paths are
 * relative to the project's root with {@code /} separators and no leading slash.
 */
public interface IncludeSource {

    /** A label for files of this project in messages: empty for the project being resolved. */
    String label();

    /** Reads one file of this project. */
    Source read(String path) throws IncludeException;

    /** True when the file exists (for {@code rules: exists}). */
    boolean exists(String path);

    /** Every file path of this project matching a glob pattern ({@code *}, {@code **}), sorted. */
    List<String> glob(String pattern) throws IncludeException;

    /** The source of another project at a ref, when this source knows how to reach it. */
    Optional<IncludeSource> project(String project, String ref);

    /**
     * Variables known for this project (predefined ones such as {@code CI_PROJECT_PATH} and {@code CI_SERVER_FQDN}
     * given by the user): expanded in component paths, as GitLab expands them in {@code include:component}.
     */
    default Map<String, String> variables() {
        return Map.of();
    }

    /**
     * A project with no files: every read fails with {@code why}, nothing exists, no glob matches, no other project
     * is reachable (a pipeline known without its repository, such as a job history's).
     */
    static IncludeSource none(String why) {
        return new IncludeSource() {
            @Override
            public String label() {
                return "";
            }

            @Override
            public Source read(String path) throws IncludeException {
                throw new IncludeException(why);
            }

            @Override
            public boolean exists(String path) {
                return false;
            }

            @Override
            public List<String> glob(String pattern) {
                return List.of();
            }

            @Override
            public Optional<IncludeSource> project(String project, String ref) {
                return Optional.empty();
            }
        };
    }
}
