package dev.spotlane.cli;

import dev.spotlane.fleet.ManagerFiles;
import dev.spotlane.fleet.RunnerConfig;
import dev.spotlane.fleet.RunnerVersions;
import dev.spotlane.policy.Manager;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code runner-config}'s manager options (a picocli mixin): where the manager runs, which runner it runs, and the
 * folder for its files. The files come from {@link ManagerFiles}; this class only reads options and writes.
 */
final class ManagerOptions {
    @Option(names = "--manager", paramLabel = "KIND",
            description = "Where the runner manager runs: systemd, kubernetes or ec2 (default: fleet.manager.kind;"
                    + " use_external_addr and the workers' SSH rule follow).")
    String kind;

    @Option(names = "--runner-version", paramLabel = "X.Y",
            description = "The GitLab Runner version the manager runs (default: fleet.manager.runner_version):"
                    + " exit 2 naming the feature when it is too old for the generated config.toml.")
    String runnerVersion;

    @Option(names = "--write-dir", paramLabel = "DIR",
            description = "Write config.toml and the manager's files into DIR (atomically; secrets mode 0600, scripts"
                    + " 0755).")
    Path writeDir;

    /** The rules with the manager's kind from {@code --manager}. */
    Policy place(Policy policy) {
        if (kind == null) {
            return policy;
        }
        Manager.Kind k = Manager.Kind.of(kind);
        if (k == null) {
            throw new UserError("spotlane: --manager must be systemd, kubernetes or ec2, got \"" + kind + "\"");
        }
        try {
            return policy.withManager(k);
        } catch (PolicyException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Says where the manager runs, and refuses a runner older than the output needs. */
    void check(Policy policy, PrintWriter err) {
        String summary = ManagerFiles.summary(policy);
        if (summary != null) {
            err.println("spotlane: " + summary);
        }
        String version = runnerVersion;
        String where = "--runner-version";
        Manager.At<String> written = policy.fleet().manager().facts().runnerVersion();
        if (version == null && written.value() != null) {
            version = written.value();
            where = written.at() + ": fleet.manager.runner_version";
        }
        if (version == null) {
            return;
        }
        if (!RunnerVersions.valid(version)) {
            throw new UserError("spotlane: --runner-version must be X.Y or X.Y.Z, got \"" + version + "\"");
        }
        String tooOld = RunnerVersions.tooOld(policy, version);
        if (tooOld != null) {
            throw new UserError(where.startsWith("--") ? "spotlane: " + tooOld : where + ": " + tooOld);
        }
    }

    /** With {@code --write-dir}: every file, secrets readable by their owner only, and what is left to fill in. */
    void writeFiles(Policy policy, RunnerConfig config, OutputOptions outputs, PrintWriter err) throws IOException {
        if (writeDir == null) {
            return;
        }
        ManagerFiles files;
        try {
            files = ManagerFiles.generate(policy, config);
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: " + e.getMessage());
        }
        Files.createDirectories(writeDir);
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            Path target = writeDir.resolve(f.getKey());
            outputs.writeAndSay(target, f.getValue(), err);
            String mode = files.secret().contains(f.getKey()) ? "rw-------" : f.getKey().endsWith(".sh")
                    ? "rwxr-xr-x" : null;
            if (mode != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && Files.getFileStore(target).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
            }
        }
        files.notes().forEach(n -> err.println("spotlane: to do: " + n));
    }
}
