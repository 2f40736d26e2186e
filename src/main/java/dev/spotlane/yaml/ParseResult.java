package dev.spotlane.yaml;

/** Either a parsed file or the error that stopped it; exactly one of the two is non-null. */
public record ParseResult(YamlFile file, YamlError error) {
    public ParseResult {
        if ((file == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of file and error");
        }
    }

    public static ParseResult ok(YamlFile file) {
        return new ParseResult(file, null);
    }

    public static ParseResult failed(YamlError error) {
        return new ParseResult(null, error);
    }

    public boolean ok() {
        return file != null;
    }

    /** The file, or a {@link YamlException} carrying the error. */
    public YamlFile orElseThrow() {
        if (error != null) {
            throw new YamlException(error);
        }
        return file;
    }
}
