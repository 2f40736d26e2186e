package dev.spotlane.lint;

import dev.spotlane.Timing;
import dev.spotlane.yaml.YamlFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Runs every check, applies the rules file's severity overrides and the files' suppressions, sorts. */
public final class Linter {
    /** The id under which unused suppressions are reported. */
    public static final String UNUSED_SUPPRESSION = "unused-suppression";

    private final List<Check> checks;

    public Linter() {
        this(Checks.ALL);
    }

    public Linter(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public List<Check> checks() {
        return checks;
    }

    /**
     * Problems with the rules file's {@code lint.checks}: ids no check has (with the nearest known id as a hint)
     * and levels other than error, warning, info and off.
     */
    public List<String> unknownChecks(Map<String, String> overrides) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (Check c : checks) {
            known.add(c.id());
        }
        known.add(UNUSED_SUPPRESSION);
        List<String> out = new ArrayList<>();
        overrides.keySet().stream().sorted().forEach(id -> {
            if (!known.contains(id)) {
                String near = Suppressions.nearest(id, known);
                out.add("lint.checks names no known check \"" + id + "\"" + (near == null ? ""
                        : "; did you mean \"" + near + "\"?"));
            }
        });
        return out;
    }

    /** The findings for a context, sorted by path, line, column. */
    public List<Finding> run(LintContext context) {
        Objects.requireNonNull(context, "context");
        Map<String, String> overrides = context.policy().checkSeverities();
        List<Finding> raw = new ArrayList<>();
        for (Check check : checks) {
            String level = overrides.get(check.id());
            if ("off".equals(level)) {
                continue;
            }
            Severity severity = level == null ? null : Severity.parse(level);
            long start = Timing.enabled() ? System.nanoTime() : 0;
            long startCpu = Timing.cpu();
            check.run(context, f -> raw.add(severity == null ? f : f.withSeverity(severity)));
            if (Timing.enabled()) {
                Timing.add("check " + check.id(), System.nanoTime() - start, Timing.cpu() - startCpu);
            }
        }
        Suppressions suppressions = new Suppressions();
        if (context.pipeline() != null) {
            for (YamlFile f : context.pipeline().files()) {
                suppressions.read(f);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : raw) {
            if (!suppressions.covers(f)) {
                out.add(f);
            }
        }
        if (!"off".equals(overrides.get(UNUSED_SUPPRESSION))) {
            Severity s = Severity.parse(overrides.getOrDefault(UNUSED_SUPPRESSION, "info"));
            Set<String> known = new HashSet<>();
            for (Check c : checks) {
                known.add(c.id());
            }
            known.add(UNUSED_SUPPRESSION);
            suppressions.unused(known).forEach(f -> out.add(s == null ? f : f.withSeverity(s)));
        }
        out.sort(null);
        return List.copyOf(out);
    }
}
