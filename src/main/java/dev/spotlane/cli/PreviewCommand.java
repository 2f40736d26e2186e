package dev.spotlane.cli;

import dev.spotlane.report.PreviewReport;
import dev.spotlane.resolve.Diagnostic;
import dev.spotlane.resolve.ResolvedPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotlane preview}: the configuration GitLab would run, resolved. */
@Command(name = "preview", sortOptions = false,
        description = {"Print the resolved configuration: includes merged, !reference, extends and default applied,"
                + " hidden jobs removed.",
                "Includes spotlane cannot read offline (remote, template, other projects) are listed on stderr."})
final class PreviewCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    enum Format { yaml, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A pipeline file, or a directory holding .gitlab-ci.yml (default: current directory).")
    Path path;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ResolveOptions resolve;

    @Override
    public Integer call() {
        ResolvedPipeline p = resolve.resolve(path);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.yaml) {
            p.diagnostics().forEach(d -> err.println(d));
        } else {
            p.diagnostics().stream().filter(Diagnostic::error).forEach(d -> err.println(d));
        }
        if (p.hasErrors()) {
            err.println("spotlane: " + p.errors().size() + " error(s): GitLab would reject this configuration");
            return ExitCode.USAGE;
        }
        out.print(format == Format.json ? PreviewReport.json(p) : PreviewReport.yaml(p));
        out.flush();
        return ExitCode.OK;
    }
}
