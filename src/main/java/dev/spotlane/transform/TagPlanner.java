package dev.spotlane.transform;

import dev.spotlane.model.Job;
import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.YamlAlias;
import dev.spotlane.yaml.YamlDocument;
import dev.spotlane.yaml.YamlEditor;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import dev.spotlane.yaml.YamlValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Places the tags a routing decision wants. In order of preference: the job's own {@code tags:} list, rewritten in
 * place; a new {@code tags:} entry on the job's own mapping in the last editable file that defines it (own keys
 * beat {@code extends}, {@code default:} and merge keys); an override stanza at the end of the main file for a job
 * defined only where spotlane cannot edit. Shared values (anchored tags, aliased bodies) are never edited, and an
 * anchored job body only when every job merging it wants the same tags, so no other job changes.
 */
final class TagPlanner {
    private final ResolvedPipeline pipeline;
    private final Set<YamlFile> editable;
    private final Map<YamlFile, YamlEditor> editors;
    private final Map<String, List<String>> wanted;

    /** @param wanted every job's tags after the fix (the routing decisions' {@code to}) */
    TagPlanner(ResolvedPipeline pipeline, Map<YamlFile, YamlEditor> editors, Map<String, List<String>> wanted) {
        this.pipeline = pipeline;
        this.editable = new HashSet<>(pipeline.editable());
        this.editors = editors;
        this.wanted = wanted;
    }

    /** One file and the edits for it; an override stanza goes at the end of the file, after every other edit. */
    record Placement(YamlFile file, EditPlan plan, boolean override) {
    }

    /** Where and how to write {@code to} for the job; throws IllegalArgumentException with a reason when it can't. */
    Placement place(String job, List<String> to) {
        YamlValue value = YamlValue.list(to);
        ResolvedJob resolved = pipeline.job(job).orElseThrow();
        RNode tags = resolved.get("tags");
        if (tags != null && tags.origin().node() instanceof YamlScalar s && s.value() != null
                && s.value().contains("$[[")) {
            // the value is given where the file is included (or when the pipeline runs), not here
            throw new IllegalArgumentException("its tags come from \"" + s.value() + "\" in "
                    + tags.origin().file().name() + "; set them where that input is given (the include's inputs:)");
        }
        YamlFile home = resolved.body().origin().file();
        if (editable.contains(home) && Pipeline.of(home).job(job).isEmpty()) {
            throw new IllegalArgumentException("its name is built from an input in " + home.name()
                    + "; tag it by hand");
        }
        if (tags instanceof RList list && list.origin().via().equals("own key")
                && editable.contains(list.origin().file())) {
            YamlFile f = list.origin().file();
            Optional<YamlEntry> own = ownTags(f, job, to);
            if (own.isPresent() && own.get().value() == list.origin().node()
                    && own.get().value() instanceof YamlSequence seq && seq.anchor() == null && !seq.isReference()) {
                return new Placement(f, editor(f).setItems(seq, to.stream().map(YamlValue::string).toList()), false);
            }
        }
        List<YamlFile> order = pipeline.mergeOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            YamlFile f = order.get(i);
            Optional<Job> def = Pipeline.of(f).job(job);
            if (def.isEmpty()) {
                continue;
            }
            if (!editable.contains(f)) {
                break;
            }
            YamlMapping body = ownBody(f, def.get(), to);
            Optional<YamlEntry> own = body.ownEntry("tags");
            if (own.isPresent()) {
                YamlNode v = own.get().value();
                if (v.anchor() != null) {
                    throw new IllegalArgumentException("its tags are anchored (&" + v.anchor()
                            + ") and shared; tag it by hand");
                }
                return new Placement(f, ValueEdits.replaceEntryValue(editor(f), own.get(), value), false);
            }
            return new Placement(f, editor(f).addEntry(body, "tags", value), false);
        }
        YamlFile main = pipeline.main();
        YamlDocument doc = configDocument(main);
        return new Placement(main, editor(main).addTopLevelEntry(doc, job,
                YamlValue.map(Map.of("tags", value))), true);
    }

    private Optional<YamlEntry> ownTags(YamlFile f, String job, List<String> to) {
        return Pipeline.of(f).job(job).map(def -> ownBody(f, def, to)).flatMap(b -> b.ownEntry("tags"));
    }

    /**
     * The job's mapping as written in {@code f}, when tags may be written there without changing another job's
     * tags. A body that is an alias ({@code job: *tmpl}) cannot take keys of its own. An anchored body
     * ({@code job: &a}) may be edited only when no job is an alias of it (that job stays where it is) and every
     * job that merges it ({@code <<: *a}) either has tags of its own or wants the same tags.
     */
    private YamlMapping ownBody(YamlFile f, Job def, List<String> to) {
        if (!(def.entry().value() instanceof YamlMapping body)) {
            throw new IllegalArgumentException("the job's body in " + f.name() + " is an alias; tag it by hand");
        }
        if (body.anchor() == null) {
            return body;
        }
        for (Job user : Pipeline.of(f).jobs()) {
            YamlNode v = user.entry().value();
            boolean alias = v instanceof YamlAlias a && a.resolved() == body;
            boolean merges = v instanceof YamlMapping m && m != body && mergesFrom(m, body)
                    && m.ownEntry("tags").isEmpty();
            if (alias) {
                // that job cannot be tagged on its own, so it is left where it is: its tags must not change
                throw new IllegalArgumentException("its body is anchored (&" + body.anchor() + ") and \""
                        + user.name() + "\" is an alias of it; tag them by hand");
            }
            if (merges && (user.hidden() || !to.equals(wanted.get(user.name())))) {
                throw new IllegalArgumentException("its body is anchored (&" + body.anchor() + ") and merged into \""
                        + user.name() + "\", which " + (user.hidden() ? "other jobs extend" : "needs other tags")
                        + "; tag it by hand");
            }
        }
        return body;
    }

    private static boolean mergesFrom(YamlMapping m, YamlMapping body) {
        for (YamlEntry e : m.entries()) {
            if (!e.isMergeKey()) {
                continue;
            }
            YamlNode v = e.value();
            if (v.resolved() == body
                    || v instanceof YamlSequence seq && seq.items().stream().anyMatch(i -> i.resolved() == body)) {
                return true;
            }
        }
        return false;
    }

    private YamlEditor editor(YamlFile f) {
        return editors.computeIfAbsent(f, YamlEditor::new);
    }

    /** The configuration document: the second one when the file starts with a {@code spec:} header. */
    static YamlDocument configDocument(YamlFile file) {
        List<YamlDocument> docs = file.documents().stream().filter(d -> d.root() != null).toList();
        Pipeline p = Pipeline.of(file);
        if (p.header().isPresent() && docs.size() >= 2) {
            return docs.get(1);
        }
        return docs.get(0);
    }
}
