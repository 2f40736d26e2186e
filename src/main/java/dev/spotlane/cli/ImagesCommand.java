package dev.spotlane.cli;

import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.images.BakeFiles;
import dev.spotlane.images.BakeRegistries;
import dev.spotlane.images.BakeSelection;
import dev.spotlane.images.ImageEntry;
import dev.spotlane.images.ImageInventory;
import dev.spotlane.policy.Policy;
import dev.spotlane.registry.PlatformsFile;
import dev.spotlane.report.ImagesReport;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotlane images}: every image one or many pipelines pull, and the inputs of the AMI bake. */
@Command(name = "images", sortOptions = false,
        description = {"List every image and service image the pipelines pull: includes, extends, !reference and"
                + " default followed, variables expanded where known.",
                "With --format allowlist or packer, write the AMI bake inputs: the discovered images merged with the"
                        + " manual allowlists, sorted; with --format registries, their registries and how the bake"
                        + " logs in to each.",
                "With --platforms, read each image's platforms from its registry and merge them into the platforms"
                        + " file (--write, default " + PlatformsFile.DEFAULT_PATH + "); exit 1 when an image could"
                        + " not be read.",
                "Includes spotlane cannot read offline and other problems are reported on stderr."})
final class ImagesCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    enum Format { text, json, packer, allowlist, registries }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", paramLabel = "PATH",
            description = "Pipeline files, or directories holding .gitlab-ci.yml (default: current directory).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "A manual allowlist (images only generated pipelines use) to merge in (repeatable).")
    List<Path> allowlists = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--write", paramLabel = "FILE", description = "Write the output to FILE (atomically); with"
            + " --platforms, the platforms file to merge into.")
    Path write;

    @Option(names = "--rules", paramLabel = "FILE", description = "The rules file for the bake formats: only images"
            + " of jobs the routing sends to the cloud fleet (default: the repository's .spotlane.yml, else the"
            + " bundled rules).")
    Path rules;

    @Option(names = "--platforms", description = "Read each image's platforms (os/arch) from its registry and record"
            + " them in the platforms file, which lint, fix and the bake read offline.")
    boolean platforms;

    @Option(names = "--registry-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "With --platforms: connect and request timeout (default: ${DEFAULT-VALUE}).")
    int registryTimeout;

    @Mixin
    ResolveOptions resolve;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> targets = paths.isEmpty() ? List.of(Path.of(".")) : paths;
        List<ResolvedImage> images = new ArrayList<>();
        boolean bake = format == Format.packer || format == Format.allowlist || format == Format.registries;
        Policy policy = null;
        for (Path path : targets) {
            ResolveOptions.Loaded loaded = resolve.load(path);
            ResolvedPipeline pipeline = loaded.pipeline();
            pipeline.diagnostics().forEach(err::println);
            List<ResolvedImage> found = ImageResolution.of(pipeline, resolve.variables);
            if (bake) {
                // the bake follows routing: images of jobs that run on the cloud fleet, none Windows or amd64-only
                policy = RulesFiles.load(rules, loaded.root());
                found = CloudImages.of(pipeline, policy, found);
            }
            images.addAll(found);
        }
        for (ResolvedImage image : images) {
            if (image.ref().problem() != null) {
                err.println(image.location() + ": " + image.ref().problem());
            }
        }
        Allowlist manual = Allowlist.empty();
        for (Path a : allowlists) {
            try {
                manual = manual.plus(Allowlist.read(a));
            } catch (NoSuchFileException e) {
                throw new UserError(PipelineFiles.display(a) + ": no such file or directory");
            } catch (AllowlistException e) {
                throw new UserError(e.getMessage());
            }
        }
        if (policy != null) {
            manual = BakeSelection.manual(manual, policy.platforms(), CloudImages.archs(policy));
        }
        List<ImageEntry> entries = ImageInventory.of(images);
        if (platforms) {
            if (format != Format.text) {
                throw new UserError("spotlane: --platforms writes the platforms file; it takes no --format");
            }
            if (registryTimeout < 1) {
                throw new UserError("spotlane: --registry-timeout must be at least 1 second, was " + registryTimeout);
            }
            return ImagePlatformsRun.run(entries, manual, write != null ? write : Path.of(PlatformsFile.DEFAULT_PATH),
                    write == null, Duration.ofSeconds(registryTimeout), spec.commandLine().getOut(), err);
        }
        String how = "spotlane images " + (targets.size() > 3 ? "(" + targets.size() + " pipelines)"
                : targets.stream().map(PipelineFiles::display).collect(Collectors.joining(" "))) + allowlists.stream().map(a -> " --allowlist "
                + PipelineFiles.display(a)).collect(Collectors.joining()) + " --format " + format;
        String out = switch (format) {
            case json -> ImagesReport.json(entries);
            case packer -> BakeFiles.packer(entries, manual, how);
            case allowlist -> BakeFiles.allowlist(entries, manual, how);
            case registries -> BakeRegistries.file(BakeFiles.pulls(entries, manual), how);
            case text -> ImagesReport.text(entries);
        };
        if (bake) {
            long dynamic = entries.stream().filter(e -> e.ref().dynamic()).count();
            if (dynamic > 0) {
                err.println("spotlane: " + dynamic + " dynamic image reference(s) left out: add what they become to a"
                        + " manual allowlist");
            }
        }
        if (write != null) {
            outputs.write(write, out, resolve.root, err);
        } else {
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}
