package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RRef;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.model.Location;
import dev.spotlane.yaml.ScalarStyle;
import dev.spotlane.yaml.YamlAlias;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a file's nodes into {@link RNode}s: merge keys applied, aliases expanded (each value keeps the place it
 * was written), {@code !reference} kept as {@link RRef}, and {@code $[[ inputs.x ]]} interpolated in keys and
 * values when an {@link Interpolator} is given.
 */
final class ConfigTree {
    private final YamlFile file;
    private final Interpolator inputs;
    private final ExpansionBudget budget;
    private final Consumer<Diagnostic> report;

    ConfigTree(YamlFile file, Interpolator inputs) {
        this(file, inputs, new ExpansionBudget(ExpansionBudget.DEFAULT_LIMIT), d -> { });
    }

    ConfigTree(YamlFile file, Interpolator inputs, ExpansionBudget budget, Consumer<Diagnostic> report) {
        this.file = file;
        this.inputs = inputs;
        this.budget = budget;
        this.report = report;
    }

    /**
     * Converts a node; once the {@link ExpansionBudget} is spent, what is left becomes null and the crossing is
     * reported once, at the alias that crossed it (or the value, when no alias did). The recursion is as deep as
     * the expanded YAML, which the parser bounds ({@code YamlLimits.maxDepth}).
     */
    RNode convert(YamlNode node, String via) {
        YamlNode n = node.resolved();
        Origin origin = new Origin(file, n, via);
        if (budget.exhausted()) {
            return new RScalar(null, true, origin);
        }
        if (node instanceof YamlAlias alias) {
            long size = ExpansionBudget.size(n);
            if (budget.used() + size > budget.limit()) {
                budget.spend(size);
                if (budget.firstCrossing()) {
                    report.accept(new Diagnostic(Location.of(file, alias), ExpansionBudget.ID, true,
                            budget.message("alias \"" + alias.name() + "\"", budget.used())));
                }
                return new RScalar(null, true, origin);
            }
        }
        if (!budget.spend(1)) {
            if (budget.firstCrossing()) {
                report.accept(new Diagnostic(origin.location(), ExpansionBudget.ID, true,
                        budget.message("this value", budget.used())));
            }
            return new RScalar(null, true, origin);
        }
        if (n instanceof YamlScalar s) {
            if (s.isNull()) {
                return new RScalar(null, true, origin);
            }
            boolean plain = s.style() == ScalarStyle.PLAIN && s.tag() == null;
            return inputs == null ? new RScalar(s.value(), plain, origin) : inputs.scalar(s.value(), plain, origin);
        }
        if (n instanceof YamlSequence seq) {
            if (seq.isReference()) {
                List<String> path = new ArrayList<>();
                for (YamlNode item : seq.items()) {
                    String v = item.scalarValue();
                    path.add(v == null ? "" : inputs == null ? v : inputs.string(v, origin));
                }
                return new RRef(path, origin);
            }
            List<RNode> items = new ArrayList<>(seq.items().size());
            for (YamlNode item : seq.items()) {
                items.add(convert(item, via));
            }
            return new RList(items, origin);
        }
        YamlMapping m = (YamlMapping) n;
        LinkedHashMap<String, RNode> entries = new LinkedHashMap<>();
        for (Map.Entry<String, YamlEntry> e : m.effective().entrySet()) {
            String key = inputs == null ? e.getKey() : inputs.string(e.getKey(), new Origin(file, e.getValue().key(), via));
            entries.put(key, convert(e.getValue().value(), via));
        }
        return RMap.owning(entries, origin);
    }
}
