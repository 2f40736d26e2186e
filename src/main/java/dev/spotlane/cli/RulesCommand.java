package dev.spotlane.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotlane rules --effective}: the rules a command would use, merged, with where each value came from. */
@Command(name = "rules", sortOptions = false,
        description = "Print the effective rules: the rules file (--rules, else the repository's .spotlane.yml, else"
                + " the bundled rules) merged with every file it extends (docs/rules-extends.md), each value followed"
                + " by where it was written (# file:line, or # project:file@ref:line for central rules).")
final class RulesCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--effective", required = true,
            description = "Print the merged rules (YAML with a # file:line comment on each value).")
    boolean effective;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (commented) or json ({\"rules\": ..., \"origins\": {pointer: file:line:col}}); default:"
                    + " ${DEFAULT-VALUE}.")
    String format;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The repository whose .spotlane.yml is read (default: the nearest folder holding .git).")
    java.nio.file.Path dir;

    @Override
    public Integer call() {
        if (!"yaml".equals(format) && !"json".equals(format)) {
            throw new UserError("spotlane: --format: expected yaml or json, got \"" + format + "\"");
        }
        RulesFiles.Effective e = rulesOptions.effective(dir != null ? dir : RulesOptions.currentRoot());
        spec.commandLine().getOut().print("json".equals(format) ? e.json() : e.yaml());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
