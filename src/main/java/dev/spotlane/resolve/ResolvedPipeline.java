package dev.spotlane.resolve;

import dev.spotlane.resolve.IncludeExpander.IncludeRecord;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.yaml.YamlFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What GitLab would run for one pipeline file: the merged configuration, the jobs resolved, the files read, and
 * every diagnostic (errors GitLab would reject the pipeline for, and notes such as includes not fetched).
 *
 * @param config      the merged top-level configuration after includes, {@code extends} and {@code !reference} (hidden
 *                    jobs kept)
 * @param jobs        every job that can run, resolved, in order of first definition
 * @param templates   hidden jobs ({@code .name}) after {@code extends}, for images written only there
 * @param files       every file read, the main file first
 * @param mergeOrder  the same files in the order their content was merged (the main file last)
 * @param editable    the files of the project itself (not other projects' or components'), which a fix may edit
 * @param includes    every include met, with its outcome
 * @param diagnostics sorted by location
 */
public record ResolvedPipeline(RMap config, Map<String, ResolvedJob> jobs, Map<String, RMap> templates,
                               List<YamlFile> files, List<YamlFile> mergeOrder, List<YamlFile> editable,
                               List<IncludeRecord> includes, List<Diagnostic> diagnostics) {
    public ResolvedPipeline {
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
        files = List.copyOf(files);
        mergeOrder = List.copyOf(mergeOrder);
        editable = List.copyOf(editable);
        includes = List.copyOf(includes);
        diagnostics = List.copyOf(diagnostics);
    }

    public Optional<ResolvedJob> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** True when GitLab would reject this configuration. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::error);
    }

    /** The main file (the first file read). */
    public YamlFile main() {
        return files.get(0);
    }

    /**
     * Where {@code file} was included, when exactly one resolved include brought it in (a file included twice, with
     * other inputs each time, or not included at all, has no single place).
     */
    public Optional<dev.spotlane.model.Location> includedOnceAt(YamlFile file) {
        List<dev.spotlane.model.Location> at = includes.stream()
                .filter(i -> i.outcome().equals("resolved") && i.target().equals(file.name()))
                .map(IncludeRecord::location).toList();
        return at.size() == 1 ? Optional.of(at.get(0)) : Optional.empty();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::error).toList();
    }
}
