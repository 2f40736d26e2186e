package dev.spotlane.cli;

import dev.spotlane.fleet.EcrPullThroughSetup;
import dev.spotlane.fleet.MirrorConfig;
import dev.spotlane.policy.Mirror;
import dev.spotlane.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane mirror-config}: the pull-through cache's configuration, from the rules' {@code images.mirror}. */
@Command(name = "mirror-config", sortOptions = false,
        description = {"Generate the pull-through cache of the fleet from the rules' images.mirror.",
                "registry-mirror: prints the Distribution registry's config.yml; --write-dir also writes a systemd"
                        + " unit, a compose service and the workers' daemon.json.",
                "ecr-pull-through: prints the AWS CLI commands; --write-dir also writes the credential-helper"
                        + " Docker configuration and the IAM statements."})
final class MirrorConfigCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the main file (config.yml, or the commands) to FILE instead of stdout.")
    Path output;

    @Option(names = "--write-dir", paramLabel = "DIR", description = "Write every file into DIR (atomically).")
    Path writeDir;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Policy policy = rulesOptions.loadHere();
        err.println(RulesOptions.describe(policy));
        Mirror mirror = policy.images().mirror();
        Map<String, String> files;
        String main;
        if (mirror instanceof Mirror.RegistryMirror m) {
            files = MirrorConfig.files(m, policy.source());
            main = files.get("config.yml");
            if (m.url() == null) {
                err.println("spotlane: warning: images.mirror.url is not set: daemon.json names "
                        + MirrorConfig.PLACEHOLDER_URL + " until it is");
            }
        } else if (mirror instanceof Mirror.EcrPullThrough e) {
            files = EcrPullThroughSetup.files(e, policy.source());
            main = files.get("ecr-pull-through.sh");
            if (e.account() == null) {
                err.println("spotlane: warning: images.mirror.account is not set: the files hold ACCOUNT_ID");
            }
        } else {
            throw new UserError(policy.source() + ": images.mirror is not configured (kind none):"
                    + " nothing to generate");
        }
        if (writeDir != null) {
            Files.createDirectories(writeDir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                outputs.writeAndSay(writeDir.resolve(f.getKey()), f.getValue(), err);
            }
        }
        if (output != null) {
            outputs.writeAndSay(output, main, err);
        } else if (writeDir == null) {
            spec.commandLine().getOut().print(main);
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}
