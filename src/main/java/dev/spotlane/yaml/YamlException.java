package dev.spotlane.yaml;

/** Thrown by {@link ParseResult#orElseThrow()} for callers that prefer an exception to a value. */
public final class YamlException extends RuntimeException {
    private final transient YamlError error;

    public YamlException(YamlError error) {
        super(error.toString());
        this.error = error;
    }

    public YamlError error() {
        return error;
    }
}
