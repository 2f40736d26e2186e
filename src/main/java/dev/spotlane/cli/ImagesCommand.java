package dev.spotlane.cli;

import dev.spotlane.images.ImageEntry;
import dev.spotlane.images.ImageInventory;
import dev.spotlane.model.ImageUse;
import dev.spotlane.model.ModelProblem;
import dev.spotlane.model.Pipeline;
import dev.spotlane.report.ImagesReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotlane images}: every image and service image written in one pipeline file. */
@Command(name = "images", description = "List every image and service image written in a pipeline file.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class ImagesCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A pipeline file, or a directory holding .gitlab-ci.yml (default: current directory).")
    Path path;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        Pipeline pipeline = Pipeline.of(PipelineFiles.parse(path));
        for (ModelProblem p : pipeline.problems()) {
            spec.commandLine().getErr().println(p);
        }
        List<ImageUse> uses = pipeline.imageUses();
        for (ImageUse use : uses) {
            if (use.ref().problem() != null) {
                spec.commandLine().getErr().println(use.location() + ": " + use.ref().problem());
            }
        }
        List<ImageEntry> entries = ImageInventory.of(uses);
        String out = format == Format.json ? ImagesReport.json(entries) : ImagesReport.text(entries);
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
