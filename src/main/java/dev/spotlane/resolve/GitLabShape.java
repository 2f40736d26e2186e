package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.yaml.YamlAlias;
import dev.spotlane.yaml.YamlDocument;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What GitLab rejects about the shape of a configuration before any keyword is read, reported as
 * {@code config-invalid} at the place, in GitLab's words:
 * <ul>
 * <li>a blank main file: "Please provide content of .gitlab-ci.yml" ({@code Gitlab::Ci::YamlProcessor#execute});</li>
 * <li>a main file with no configuration document (only comments, a BOM, {@code ~}, or a {@code spec:} header):
 *     "Invalid configuration format" ({@code Gitlab::Config::Loader::Yaml#load_raw!}: the document is not a hash);</li>
 * <li>no visible job: "jobs config should contain at least one visible job"
 *     ({@code Gitlab::Ci::Config::Entry::Jobs});</li>
 * <li>a visible job with no body, or none of {@code script}, {@code run}, {@code trigger}: "jobs NAME config should
 *     implement the script:, run:, or trigger: keyword" ({@code Entry::Jobs}, which reads {@code test:} as
 *     {@code {}});</li>
 * <li>{@code !reference} on a scalar or a mapping: "!reference "x" is not valid"
 *     ({@code Gitlab::Ci::Config::Yaml::Tags::Base#validation_error_message});</li>
 * <li>a complex mapping key ({@code ? [a, b]}, {@code ? {a: 1}}): GitLab's keys are strings.</li>
 * </ul>
 * The job checks are left out while an include spotlane could not read may hold what is missing.
 */
final class GitLabShape {
    private static final String ID = "config-invalid";
    private static final List<String> JOB_BODY = List.of("script", "run", "trigger");

    private final Consumer<Diagnostic> report;

    GitLabShape(Consumer<Diagnostic> report) {
        this.report = report;
    }

    /** The main file: blank, or no configuration document. Returns true when it has a configuration mapping. */
    boolean mainFile(YamlFile main) {
        String text = main.text();
        if (text.isBlank()) {
            report.accept(new Diagnostic(new Location(main.name(), 1, 1), ID, true,
                    "please provide content of .gitlab-ci.yml: the file is empty"));
            return false;
        }
        Pipeline p = Pipeline.of(main);
        if (p.config().isPresent() || !p.problems().isEmpty()) {
            return p.config().isPresent();
        }
        YamlNode at = main.documents().stream().map(YamlDocument::root).filter(r -> r != null).findFirst()
                .orElse(null);
        Location where = at == null ? new Location(main.name(), 1, 1) : Location.of(main, at);
        String what = p.header().isPresent() ? "a spec: header and no configuration document after it"
                : "no configuration (only comments, a byte order mark or null)";
        report.accept(new Diagnostic(where, ID, true, "invalid configuration format: the file has " + what));
        return false;
    }

    /** Visible jobs and their bodies, on the merged configuration. */
    void jobs(RMap config, YamlFile main, boolean incomplete) {
        if (incomplete) {
            return;
        }
        boolean visible = false;
        for (Map.Entry<String, RNode> e : config.entries().entrySet()) {
            String name = e.getKey();
            if (Pipeline.GLOBAL_KEYWORDS.contains(name) || name.startsWith(".")) {
                continue;
            }
            visible = true;
            RNode body = e.getValue();
            boolean empty = body == null || body instanceof RScalar s && s.isNull();
            if (empty || body instanceof RMap m && JOB_BODY.stream().noneMatch(m::has)) {
                report.accept(new Diagnostic(keyLocation(body, config), ID, true, "jobs " + name
                        + " config should implement the script:, run:, or trigger: keyword"));
            }
        }
        if (!visible) {
            report.accept(new Diagnostic(config.origin().location(), ID, true,
                    "jobs config should contain at least one visible job"));
        }
    }

    /** Complex keys and {@code !reference} on what is not a sequence, anywhere in a file (aliases not followed). */
    void tree(YamlFile file) {
        Deque<YamlNode> todo = new ArrayDeque<>();
        for (YamlDocument d : file.documents()) {
            if (d.root() != null) {
                todo.push(d.root());
            }
        }
        while (!todo.isEmpty()) {
            YamlNode n = todo.pop();
            if (n instanceof YamlAlias) {
                continue;
            }
            if ("!reference".equals(n.tag()) && !(n instanceof YamlSequence)) {
                String shown = n instanceof YamlScalar s ? "\"" + excerpt(s.value()) + "\""
                        : excerpt(file.text(n.valueSpan()));
                report.accept(new Diagnostic(Location.of(file, n), ID, true, "!reference " + shown
                        + " is not valid: it takes a sequence of keys, e.g. !reference [.setup, script]"));
            }
            if (n instanceof YamlSequence s) {
                s.items().forEach(todo::push);
            } else if (n instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    YamlNode key = e.key().resolved();
                    if (key instanceof YamlSequence || key instanceof YamlMapping) {
                        report.accept(new Diagnostic(Location.of(file, e.key()), ID, true, "complex mapping key ("
                                + (key instanceof YamlSequence ? "a sequence" : "a mapping")
                                + ") is not valid: GitLab's keys are strings"));
                    } else {
                        todo.push(e.key());
                    }
                    todo.push(e.value());
                }
            }
        }
    }

    private static String excerpt(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }

    /** Where a job's key was written, found from its value's node; else the value's place. */
    private static Location keyLocation(RNode body, RMap config) {
        Origin o = body == null ? config.origin() : body.origin();
        YamlNode parent = o.file().parentOf(o.node());
        if (parent instanceof YamlMapping m) {
            for (YamlEntry e : m.entries()) {
                if (e.value() == o.node() || e.value().resolved() == o.node()) {
                    return Location.of(o.file(), e.key());
                }
            }
        }
        return o.location();
    }
}
