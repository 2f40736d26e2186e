package dev.spotlane.transform;

import dev.spotlane.model.Job;
import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.YamlEditor;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import dev.spotlane.yaml.YamlValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a job on the spot fleet a retry on {@code runner_system_failure} ({@code fix --add-retry}), the failure
 * reason a reclaimed worker leaves. GitLab's rules (docs: CI/CD YAML syntax reference, {@code retry}; validation in
 * {@code lib/gitlab/ci/config/entry/retry.rb}): {@code retry: N} retries every failure up to N (0–2) times;
 * {@code retry: {max: N, when: ...}} only the listed reasons ({@code when} a string or a list, {@code always} for
 * all), and without {@code when} every failure unless {@code exit_codes} is given (then only those exit codes, which
 * a lost runner does not leave); without {@code max} nothing is retried ({@code lib/gitlab/ci/build/auto_retry.rb}). The fix adds
 * {@code retry: {max: 2, when: [runner_system_failure]}} to a job with no retry, adds {@code max: 2} and the reason
 * to a retry mapping of the job's own, and to a job that inherits its retry ({@code default:}, {@code extends},
 * a merge key) writes its own full copy with the reason added, so no other job changes. An explicit
 * {@code 0} is the user's choice and is left.
 */
final class RetryPlanner {
    static final String REASON = "runner_system_failure";
    static final int MAX = 2;

    private final ResolvedPipeline pipeline;
    private final Set<YamlFile> editable;
    private final Map<YamlFile, YamlEditor> editors;

    RetryPlanner(ResolvedPipeline pipeline, Map<YamlFile, YamlEditor> editors) {
        this.pipeline = pipeline;
        this.editable = new HashSet<>(pipeline.editable());
        this.editors = editors;
    }

    /** Where the retry goes and the edit; throws IllegalArgumentException with the reason when it can't. */
    TagPlanner.Placement place(ResolvedJob job) {
        RNode retry = job.get("retry");
        YamlFile home = null;
        Job def = null;
        List<YamlFile> order = pipeline.mergeOrder();
        for (int i = order.size() - 1; i >= 0 && home == null; i--) {
            Optional<Job> d = Pipeline.of(order.get(i)).job(job.name());
            if (d.isPresent()) {
                home = order.get(i);
                def = d.get();
            }
        }
        if (home == null || !editable.contains(home)) {
            throw new IllegalArgumentException("it is defined where spotlane cannot edit; add the retry by hand");
        }
        if (!(def.entry().value() instanceof YamlMapping body) || body.flow() && body.entries().isEmpty()) {
            throw new IllegalArgumentException("its body in " + home.name() + " is not a mapping spotlane can add"
                    + " to; add the retry by hand");
        }
        if (body.anchor() != null) {
            throw new IllegalArgumentException("its body is anchored (&" + body.anchor() + ") and shared; add the"
                    + " retry by hand");
        }
        YamlEditor editor = editors.computeIfAbsent(home, YamlEditor::new);
        if (retry == null) {
            Map<String, YamlValue> value = new LinkedHashMap<>();
            value.put("max", YamlValue.integer(MAX));
            value.put("when", YamlValue.list(List.of(REASON)));
            return new TagPlanner.Placement(home, editor.addEntry(body, "retry", YamlValue.map(value)), false);
        }
        if (retry instanceof RNode.RScalar s) {
            throw new IllegalArgumentException("its \"retry: " + s.value() + "\" retries nothing; spotlane keeps"
                    + " that choice: change it by hand");
        }
        if (!(retry instanceof RNode.RMap m)) {
            throw new IllegalArgumentException("its retry is not a number or a mapping; change it by hand");
        }
        RNode max = m.get("max");
        if (max != null && !(max instanceof RNode.RScalar ms && count(ms.value()) > 0)) {
            throw new IllegalArgumentException("its retry has \"max: " + display(max) + "\", which retries nothing;"
                    + " spotlane keeps that choice: change it by hand");
        }
        List<String> when = m.get("when") == null && m.get("exit_codes") != null ? List.of(REASON)
                : whenWanted(m.get("when"));
        Optional<YamlEntry> own = body.ownEntry("retry");
        if (own.isPresent()) {
            YamlNode v = own.get().value();
            if (v.anchor() != null || !(v instanceof YamlMapping om) || "!reference".equals(om.tag())
                    || om.entries().isEmpty()) {
                throw new IllegalArgumentException("its retry is " + (v.anchor() != null ? "anchored (&"
                        + v.anchor() + ") and shared" : "written in a form spotlane does not edit")
                        + "; add \"" + REASON + "\" by hand");
            }
            return new TagPlanner.Placement(home, ownEdits(editor, om, max == null, when), false);
        }
        // inherited: the job's own full copy, so the shared retry (and every other job) stays as it is
        Map<String, YamlValue> copy = new LinkedHashMap<>();
        if (max == null) {
            copy.put("max", YamlValue.integer(MAX));
        }
        m.entries().forEach((k, x) -> copy.put(k, k.equals("when") && when != null ? YamlValue.list(when)
                : plain(x)));
        return new TagPlanner.Placement(home, editor.addEntry(body, "retry", YamlValue.map(copy)), false);
    }

    private static EditPlan ownEdits(YamlEditor editor, YamlMapping om, boolean addMax, List<String> when) {
        List<EditPlan> parts = new ArrayList<>();
        if (addMax) {
            parts.add(editor.addEntry(om, "max", YamlValue.integer(MAX)));
        }
        if (when != null) {
            Optional<YamlEntry> w = om.ownEntry("when");
            if (w.isEmpty()) {
                parts.add(editor.addEntry(om, "when", YamlValue.list(when)));
            } else if (w.get().value() instanceof YamlSequence seq && seq.anchor() == null && !seq.isReference()
                    && !seq.items().isEmpty()) {
                parts.add(editor.appendItems(seq, List.of(YamlValue.string(REASON))));
            } else if (w.get().value() instanceof YamlScalar sc && sc.anchor() == null) {
                parts.add(ValueEdits.replaceEntryValue(editor, w.get(), YamlValue.list(when)));
            } else {
                throw new IllegalArgumentException("its retry:when is written in a form spotlane does not edit; add"
                        + " \"" + REASON + "\" by hand");
            }
        }
        EditPlan out = EditPlan.EMPTY;
        for (EditPlan p : parts) {
            out = out.plus(p);
        }
        return out;
    }

    /** The {@code when} list to write, or null when {@code when} already covers system failures (or is absent). */
    private static List<String> whenWanted(RNode when) {
        if (when == null || covered(when)) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (when instanceof RNode.RScalar s && s.value() != null) {
            items.add(s.value());
        } else if (when instanceof RNode.RList l && l.items().stream().allMatch(i -> i instanceof RNode.RScalar
                sc && sc.value() != null)) {
            l.items().forEach(i -> items.add(((RNode.RScalar) i).value()));
        } else {
            throw new IllegalArgumentException("its retry:when is not a list of reasons; add \"" + REASON
                    + "\" by hand");
        }
        items.add(REASON);
        return items;
    }

    private static YamlValue plain(RNode v) {
        if (v instanceof RNode.RScalar s && s.value() != null) {
            return s.value().matches("-?[0-9]{1,9}") ? YamlValue.integer(Long.parseLong(s.value()))
                    : YamlValue.string(s.value());
        }
        if (v instanceof RNode.RList l) {
            return new YamlValue.Seq(l.items().stream().map(RetryPlanner::plain).toList());
        }
        throw new IllegalArgumentException("its inherited retry holds a value spotlane does not copy; add \""
                + REASON + "\" by hand");
    }

    private static String display(RNode v) {
        return v instanceof RNode.RScalar s ? String.valueOf(s.value()) : "...";
    }

    private static boolean covered(RNode when) {
        return RetryRule.covered(when);
    }

    private static int count(String value) {
        return RetryRule.count(value);
    }
}
