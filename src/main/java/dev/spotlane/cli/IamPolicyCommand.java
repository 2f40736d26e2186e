package dev.spotlane.cli;

import dev.spotlane.fleet.IamPolicy;
import dev.spotlane.policy.Policy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane iam-policy}: the least-privilege IAM policy for the fleeting plugin. */
@Command(name = "iam-policy", sortOptions = false,
        description = "Print the least-privilege IAM policy JSON of the runner manager: the AWS fleeting plugin scoped"
                + " to the fleet's Auto Scaling groups, and the shared S3 cache and ECR pull-through cache when the"
                + " rules declare them (see ci/aws/README.md).")
final class IamPolicyCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--account", paramLabel = "ID", description = "The AWS account id (default: ACCOUNT_ID).")
    String account;

    @Mixin
    BakeIamOptions bakeOptions;

    @Override
    public Integer call() {
        if (account != null && !account.matches("\\d{12}")) {
            throw new UserError("spotlane: --account must be a 12-digit AWS account id, got \"" + account + "\"");
        }
        Policy policy = rulesOptions.loadHere();
        spec.commandLine().getErr().println(RulesOptions.describe(policy));
        if (account == null) {
            spec.commandLine().getErr().println("spotlane: no --account: the policy holds the placeholder ACCOUNT_ID");
        }
        if (bakeOptions.bake()) {
            bakeOptions.print(policy, RulesOptions.currentRoot(), account, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        bakeOptions.check();
        spec.commandLine().getOut().print(IamPolicy.json(policy, account));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
