package dev.spotlane.yaml;

import java.io.IOException;
import java.util.Objects;

/**
 * A file that is not UTF-8 text, with the place of the first byte that is not: GitLab reads CI configuration as
 * UTF-8, and spotlane refuses rather than replaces, so a later rewrite never changes bytes nobody asked it to.
 * The message is {@code path:line:col: ... [yaml-syntax]}.
 */
public final class EncodingException extends IOException {
    private final transient YamlError error;

    public EncodingException(YamlError error) {
        super(Objects.requireNonNull(error, "error") + " [yaml-syntax]");
        this.error = error;
    }

    /** The problem as a parse error, for callers that report syntax errors as findings. */
    public YamlError error() {
        return error;
    }
}
