package dev.spotlane.cli;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.report.FixReport;
import dev.spotlane.report.UnifiedDiff;
import dev.spotlane.transform.FileChange;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.FixWriter;
import dev.spotlane.transform.Fixer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotlane fix}: routing tags and pull policies, written as minimal edits. */
@Command(name = "fix", sortOptions = false,
        description = {"Rewrite the pipeline so every job's resolved tags and every image's pull_policy match the"
                + " policy, changing only the spans that must change.",
                "Exit 0 after writing the changes (or with nothing to change), 1 only with --check when changes are"
                        + " needed, 2 for bad usage or input (GitLab would reject the pipeline, a bad rules file)."})
final class FixCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A pipeline file, or a directory holding .gitlab-ci.yml (default: current directory).")
    Path path;

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--check", description = "Change nothing; print the diff and exit 1 when changes are needed.")
    boolean check;

    @Option(names = {"--diff", "--dry-run"}, description = "Change nothing; print the diff and exit 0.")
    boolean diff;

    @Option(names = "--assume-complete", description = "Move jobs whose configuration spotlane could not read"
            + " whole (an extends parent or !reference target in an include it did not fetch).")
    boolean assumeComplete;

    @Option(names = "--add-retry", description = "Give jobs on the spot fleet without a retry on"
            + " runner_system_failure \"retry: {max: 2, when: [runner_system_failure]}\" (or add the reason to"
            + " their retry), so a reclaimed worker does not fail the pipeline.")
    boolean addRetry;

    @Mixin
    ResolveOptions resolve;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ResolveOptions.Loaded loaded = resolve.load(path);
        Policy policy = rulesOptions.load(loaded.root()).withAssumeComplete(assumeComplete);
        if (loaded.pipeline().hasErrors()) {
            loaded.pipeline().errors().forEach(err::println);
            throw new UserError("spotlane: " + loaded.pipeline().errors().size()
                    + " error(s): GitLab would reject this configuration; fix them first");
        }
        FixResult result = Fixer.plan(loaded.pipeline(), policy, loaded.source(), loaded.mainPath(),
                new Fixer.Options(addRetry));
        err.print(FixReport.summary(result));
        if (check || diff) {
            for (FileChange c : result.changes()) {
                out.print(UnifiedDiff.of(c.name(), c.oldText(), c.newText()));
            }
            out.flush();
            return check && result.changed() ? ExitCode.FINDINGS : ExitCode.OK;
        }
        FixWriter.Report report = write(result, loaded.root(), err);
        report.written().forEach(f -> err.println("wrote " + f + (report.inPlace().contains(f)
                ? " (in place, not atomically: it has other hard links, which a replace would split)" : "")));
        if (!report.complete()) {
            report.notWritten().forEach((f, why) -> err.println(f + ": " + why));
            throw new UserError("spotlane: " + report.notWritten().size() + " of " + result.changes().size()
                    + " file(s) not written" + (report.written().isEmpty() ? "" : ", " + report.written().size()
                    + " written"));
        }
        return ExitCode.OK;
    }

    /** Writes the changes; when the run is interrupted meanwhile, says which files were written and which not. */
    private FixWriter.Report write(FixResult result, java.nio.file.Path root, PrintWriter err) {
        java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread interrupted = new Thread(() -> {
            List<String> left = result.changes().stream().map(FileChange::name).filter(f -> !written.contains(f))
                    .toList();
            err.println("spotlane: interrupted: " + written.size() + " file(s) written" + (written.isEmpty() ? ""
                    : " (" + String.join(", ", written) + ")") + ", not written: " + String.join(", ", left));
            err.flush();
        }, "spotlane-fix-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return FixWriter.write(result, root, outputs.force, written::add);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // already shutting down: the hook reports
            }
        }
    }
}
