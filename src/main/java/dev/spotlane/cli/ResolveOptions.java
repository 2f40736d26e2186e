package dev.spotlane.cli;

import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.YamlFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by commands that resolve a pipeline (a picocli mixin). */
final class ResolveOptions {
    @Option(names = "--root", paramLabel = "DIR",
            description = "Repository root for include:local (default: the nearest folder above the file holding .git,"
                    + " else the file's folder).")
    Path root;

    @Option(names = "--project", paramLabel = "GROUP/PROJECT=DIR",
            description = "Resolve include:project and components of this project from a local folder (repeatable).")
    Map<String, Path> projects = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "A variable known when the job runs, e.g. CI_REGISTRY=registry.example.com (repeatable).")
    Map<String, String> variables = new LinkedHashMap<>();

    /** The repository root for a main file. */
    Path rootFor(Path file) {
        if (root != null) {
            if (!Files.isDirectory(root)) {
                throw new UserError(PipelineFiles.display(root) + ": --root is not a directory");
            }
            return root;
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return dir;
    }

    /** A resolved pipeline and where it came from. */
    record Loaded(ResolvedPipeline pipeline, IncludeSource source, String mainPath, Path root) {
    }

    /** The root as the user would write it: absolute when they gave an absolute path, else relative to here. */
    private static String displayRoot(Path file, Path repo) {
        if (file.isAbsolute()) {
            return repo.toString().replace('\\', '/');
        }
        return PipelineFiles.display(Path.of("").toAbsolutePath().relativize(repo));
    }

    /** Parses and resolves the pipeline at {@code path}. */
    ResolvedPipeline resolve(Path path) {
        return load(path).pipeline();
    }

    /** Parses and resolves the pipeline at {@code path}, keeping its source for a later re-resolve. */
    Loaded load(Path path) {
        Path file = PipelineFiles.locate(path);
        return load(file, PipelineFiles.parse(file, rootFor(file)));
    }

    /** Resolves an already parsed main file. */
    Loaded load(Path file, YamlFile main) {
        Path repo = rootFor(file).toAbsolutePath().normalize();
        String inRepo = repo.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        IncludeSource source = new CheckoutIncludeSource(repo, "", projects, displayRoot(file, repo), variables);
        return new Loaded(new Resolver().resolve(main, source, inRepo), source, inRepo, repo);
    }
}
