package dev.spotlane.cli;

import dev.spotlane.yaml.SafeFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --force} and the one way every command writes a file it was asked to write ({@code --output},
 * {@code --report}, {@code --write}, {@code --svg}, and {@code fix}'s rewrites): through {@link SafeFiles#write},
 * which replaces only regular files (atomically, keeping mode and owner), writes devices and pipes through
 * ({@code /dev/null}, {@code /dev/stdout}), writes a hard-linked file in place and refuses a read-only one unless
 * forced (a picocli mixin).
 */
final class OutputOptions {
    @Option(names = "--force", description = "Replace an output file even when it is read-only.")
    boolean force;

    /**
     * Writes one output file.
     *
     * @param root the repository root (a symbolic link under it is followed only to a regular file inside it), or
     *             null for the current directory
     */
    SafeFiles.Outcome write(Path target, String text, Path root, PrintWriter err) throws IOException {
        SafeFiles.Outcome outcome = SafeFiles.write(target, text.getBytes(StandardCharsets.UTF_8),
                SafeFiles.WriteOptions.of(untrusted(root), force));
        if (outcome == SafeFiles.Outcome.IN_PLACE) {
            err.println("spotlane: " + PipelineFiles.display(target) + ": written in place, not atomically: it has"
                    + " other hard links (or an owner a new file cannot be given), which a replace would split");
        }
        return outcome;
    }

    /** Writes one output file named on the command line (no repository root) and says so on stderr. */
    void writeAndSay(Path target, String text, PrintWriter err) throws IOException {
        write(target, text, null, err);
        err.println("wrote " + PipelineFiles.display(target));
    }

    /**
     * The folder whose symbolic links are the repository's doing: the repository root, else the current directory
     * (in CI, the checkout); never {@code /}, where {@code /dev/stdout} lives.
     */
    static Path untrusted(Path root) {
        Path r = (root == null ? Path.of("") : root).toAbsolutePath().normalize();
        return r.getParent() == null ? null : r;
    }
}
