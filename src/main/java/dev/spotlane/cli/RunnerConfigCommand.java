package dev.spotlane.cli;

import dev.spotlane.fleet.AmiRollout;
import dev.spotlane.fleet.RunnerConfig;
import dev.spotlane.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane runner-config}: the runner manager's config.toml, from the rules. */
@Command(name = "runner-config", sortOptions = false,
        description = {"Generate the runner manager's config.toml (docker-autoscaler, AWS fleeting plugin): one runner"
                + " per cloud class, tags and run_untagged following the routing policy, tokens from the environment.",
                "The runner-creation parameters (tags, run_untagged, locked) go to stderr."})
final class RunnerConfigCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--output", paramLabel = "FILE", description = "Write config.toml to FILE (atomically).")
    Path output;

    @Option(names = "--terraform", paramLabel = "DIR", description = "Also write the AWS side as Terraform into DIR:"
            + " per class a launch template and Auto Scaling group, the manager's IAM policy and role or user, the"
            + " workers' instance profile and security group, the cache bucket, the ECR pull-through rule. Replaces"
            + " only files spotlane wrote there.")
    Path terraform;

    @Option(names = "--rollout", paramLabel = "AMI", description = "Instead of config.toml, the shell script that"
            + " rolls a baked AMI out to every class's Auto Scaling group (new launch template version, instance"
            + " refresh that leaves scale-in protected workers alone): an AMI id, or a variable such as '$AMI_ID'.")
    String rollout;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        Policy policy = rulesOptions.loadHere();
        spec.commandLine().getErr().println(RulesOptions.describe(policy));
        if (rollout != null) {
            if (terraform != null) {
                throw new UserError("spotlane: --rollout prints the rollout script; it does not go with --terraform");
            }
            return printRollout(policy);
        }
        RunnerConfig config = RunnerConfig.generate(policy);
        PrintWriter err = spec.commandLine().getErr();
        config.warnings().forEach(w -> err.println("spotlane: warning: " + w));
        err.print(config.creationTable());
        if (terraform != null) {
            TerraformOutput.write(policy, terraform, outputs.force, err);
        }
        if (output != null) {
            outputs.writeAndSay(output, config.toml(), err);
        } else {
            spec.commandLine().getOut().print(config.toml());
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }

    private int printRollout(Policy policy) throws IOException {
        String script;
        try {
            script = AmiRollout.script(policy, rollout.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: --rollout: " + e.getMessage());
        }
        if (output != null) {
            outputs.writeAndSay(output, script, spec.commandLine().getErr());
        } else {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}
