package dev.spotlane.cli;

import dev.spotlane.images.ImageEntry;
import dev.spotlane.images.ImageInventory;
import dev.spotlane.report.ImagesReport;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spotlane images}: every image and service image a pipeline pulls, through includes and extends. */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List every image and service image a pipeline pulls: includes, extends, !reference and"
                + " default followed, variables expanded where known.",
                "Includes spotlane cannot read offline and other problems are reported on stderr."})
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

    @Mixin
    ResolveOptions resolve;

    @Override
    public Integer call() {
        ResolvedPipeline pipeline = resolve.resolve(path);
        PrintWriter err = spec.commandLine().getErr();
        pipeline.diagnostics().forEach(err::println);
        List<ResolvedImage> images = ImageResolution.of(pipeline, resolve.variables);
        for (ResolvedImage image : images) {
            if (image.ref().problem() != null) {
                err.println(image.location() + ": " + image.ref().problem());
            }
        }
        List<ImageEntry> entries = ImageInventory.of(images);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? ImagesReport.json(entries) : ImagesReport.text(entries));
        out.flush();
        return ExitCode.OK;
    }
}
