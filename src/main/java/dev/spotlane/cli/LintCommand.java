package dev.spotlane.cli;

import dev.spotlane.Timing;
import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.lint.Checks;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Lint;
import dev.spotlane.lint.Severity;
import dev.spotlane.policy.Policy;
import dev.spotlane.report.FindingsReport;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotlane lint}: what would break or cost money on the new runners. */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a pipeline for what would break or waste money on the cloud runners.",
                "Exit 0 when no finding reaches --fail-on, 1 otherwise, 2 for bad usage or rules, 3 internal error."})
final class LintCommand implements Callable<Integer> {

    enum Format { text, json, codequality, sarif }

    enum FailOn { error, warning, info, never }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A pipeline file, or a directory holding .gitlab-ci.yml (default: current directory).")
    Path path;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "The rules file (default: the repository's .spotlane.yml, else the bundled rules).")
    Path rules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--report", paramLabel = "FORMAT=FILE",
            description = "Also write a report in another format to a file, in the same run (repeatable), e.g."
                    + " --report codequality=gl-code-quality-report.json.")
    Map<Format, Path> reports = new LinkedHashMap<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Lowest severity that fails the run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--assume-complete", description = "Move jobs whose configuration spotlane could not read"
            + " whole (an extends parent or !reference target in an include it did not fetch).")
    boolean assumeComplete;

    @Mixin
    ResolveOptions resolve;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        // the GitLab CI schema takes a while to load: do it while the pipeline is read and resolved
        dev.spotlane.lint.checks.ConfigSchema.preloadInBackground();
        Path file = PipelineFiles.locate(path);
        Path root = resolve.rootFor(file);
        Policy policy = RulesFiles.load(rules, root).withAssumeComplete(assumeComplete);
        Timing.mark("rules");
        List<String> unknown = new dev.spotlane.lint.Linter().unknownChecks(policy.checkSeverities());
        if (!unknown.isEmpty()) {
            throw new UserError(String.join("\n", unknown.stream().map(u -> policy.source() + ": " + u).toList()));
        }
        ParseResult parsed = PipelineFiles.read(file, root);
        Timing.mark("parse main file");
        List<Finding> findings;
        Map<String, String> texts = new HashMap<>();
        if (!parsed.ok()) {
            findings = Lint.syntaxError(parsed.error(), policy);
        } else {
            ResolveOptions.Loaded loaded = resolve.load(file, parsed.file());
            Timing.mark("includes and resolve");
            for (YamlFile f : loaded.pipeline().files()) {
                texts.put(f.name(), f.text());
            }
            findings = Lint.run(loaded.pipeline(), policy, loaded.source(), loaded.mainPath(), resolve.variables,
                    allowlist(policy, root));
        }
        boolean color = format == Format.text && output == null && System.console() != null
                && System.getenv("NO_COLOR") == null;
        String main = render(format, findings, name -> text(texts, name, root), root, color);
        if (output != null) {
            outputs.write(output, main, root, spec.commandLine().getErr());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(main);
            out.flush();
        }
        for (Map.Entry<Format, Path> r : reports.entrySet()) {
            outputs.write(r.getValue(), render(r.getKey(), findings, name -> text(texts, name, root), root, false), root,
                    spec.commandLine().getErr());
        }
        Timing.mark("report");
        if (failOn == FailOn.never) {
            return ExitCode.OK;
        }
        Severity threshold = Severity.parse(failOn.name());
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold)) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private static Allowlist allowlist(Policy policy, Path root) throws IOException {
        try {
            return Lint.allowlist(policy, root);
        } catch (AllowlistException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A file's text for a snippet: as read by the resolver, else from disk (a file that did not parse). */
    private static String text(Map<String, String> texts, String name, Path root) {
        return texts.computeIfAbsent(name, n -> {
            try {
                return dev.spotlane.yaml.Source.readConfined(root, Path.of(n), n).text();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
    }

    private static String render(Format format, List<Finding> findings, java.util.function.Function<String, String> texts,
                                 Path root, boolean color) {
        return switch (format) {
            case json -> FindingsReport.json(findings);
            case codequality -> FindingsReport.codeQuality(findings, root);
            case sarif -> FindingsReport.sarif(findings, Checks.ALL, Main.version(), root);
            case text -> FindingsReport.text(findings, texts, color);
        };
    }
}
