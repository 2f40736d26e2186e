package dev.spotlane.cli;

/** Exit codes of every spotlane command, declared in one place. */
public final class ExitCode {
    /** Success: nothing found, nothing changed. */
    public static final int OK = 0;
    /** The command found problems or made (or would make) changes. */
    public static final int FINDINGS = 1;
    /** Bad usage or bad input: unknown option, missing file, invalid YAML, malformed rules. */
    public static final int USAGE = 2;
    /** A bug in spotlane. */
    public static final int INTERNAL = 3;

    private ExitCode() {
    }
}
