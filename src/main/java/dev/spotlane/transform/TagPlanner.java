package dev.spotlane.transform;

import dev.spotlane.model.Job;
import dev.spotlane.model.Location;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** Input values already written for a job sharing them (one edit for all). */
    private final Set<String> inputsWritten = new HashSet<>();

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
            return fromInput(job, to, tags, s);
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

    private static final Pattern WHOLE_INPUT = Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*]]");

    /**
     * Tags that come from an array input ({@code tags: $[[ inputs.tags ]]}) are written where the value is given:
     * the {@code inputs:} of the one include that brought the file in, when that include is in a file spotlane may
     * edit and every job taking its tags from the same block wants the same tags.
     */
    private Placement fromInput(String job, List<String> to, RNode tags, YamlScalar s) {
        String reason = "its tags come from \"" + s.value() + "\" in " + tags.origin().file().name();
        Matcher m = WHOLE_INPUT.matcher(s.value());
        if (!m.matches() || !(tags instanceof RList)) {
            throw new IllegalArgumentException(reason + "; set them where that input is given");
        }
        String input = m.group(1);
        YamlFile template = tags.origin().file();
        // every use of the input must be a job's tags, and all those jobs must want the same tags
        Set<YamlNode> uses = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ResolvedJob other : pipeline.jobs().values()) {
            RNode t = other.get("tags");
            if (t != null && t.origin().file() == template && t.origin().node() instanceof YamlScalar os
                    && os.value() != null && WHOLE_INPUT.matcher(os.value()).matches()
                    && WHOLE_INPUT.matcher(os.value()).replaceFirst("$1").equals(input)) {
                uses.add(os);
                if (!to.equals(wanted.get(other.name()))) {
                    throw new IllegalArgumentException(reason + ", which \"" + other.name()
                            + "\" shares and needs other tags; set them where that input is given");
                }
            }
        }
        Matcher all = Pattern.compile("\\$\\[\\[\\s*inputs\\." + Pattern.quote(input) + "\\s*[|\\]]")
                .matcher(template.text());
        int written = 0;
        while (all.find()) {
            written++;
        }
        if (written != uses.size()) {
            throw new IllegalArgumentException(reason + ", and the input is used elsewhere too; set them where that"
                    + " input is given");
        }
        if (Pipeline.of(template).spec().map(sp -> sp.get("inputs")).filter(i -> i.resolved() instanceof YamlMapping)
                .map(i -> ((YamlMapping) i.resolved()).get(input)).filter(d -> d.resolved() instanceof YamlMapping dm
                        && dm.get("options") != null).isPresent()) {
            throw new IllegalArgumentException(reason + ", whose values are limited by options; set them by hand");
        }
        Location at = pipeline.includedOnceAt(template).orElseThrow(() -> new IllegalArgumentException(reason
                + ", which is not included exactly once; set them where that input is given"));
        YamlFile including = pipeline.files().stream().filter(f -> f.name().equals(at.path())).findFirst()
                .filter(editable::contains).orElseThrow(() -> new IllegalArgumentException(reason
                        + ", included from a file spotlane does not edit; set them where that input is given"));
        YamlMapping entry = includeEntry(including, at).orElseThrow(() -> new IllegalArgumentException(reason
                + "; set them in the include's inputs: by hand"));
        if (!inputsWritten.add(template.name() + "\u0000" + input)) {
            return new Placement(including, EditPlan.EMPTY, false);
        }
        YamlValue value = YamlValue.list(to);
        YamlNode inputs = entry.get("inputs");
        if (inputs == null) {
            return new Placement(including, editor(including).addEntry(entry, "inputs",
                    YamlValue.map(Map.of(input, value))), false);
        }
        if (!(inputs instanceof YamlMapping im) || im.anchor() != null) {
            throw new IllegalArgumentException(reason + "; the include's inputs: are shared or not a mapping, set"
                    + " them by hand");
        }
        Optional<YamlEntry> given = im.ownEntry(input);
        if (given.isEmpty()) {
            return new Placement(including, editor(including).addEntry(im, input, value), false);
        }
        YamlNode v = given.get().value();
        if (v.anchor() != null || v instanceof YamlAlias || v instanceof YamlScalar gs && gs.value() != null
                && gs.value().contains("$[[")) {
            throw new IllegalArgumentException(reason + ", and the include's \"" + input + "\" is shared or passed"
                    + " on from elsewhere; set them where that value is given");
        }
        return new Placement(including, ValueEdits.replaceEntryValue(editor(including), given.get(), value), false);
    }

    /** The include mapping written at {@code at} in {@code file}. */
    private static Optional<YamlMapping> includeEntry(YamlFile file, Location at) {
        YamlNode include = Pipeline.of(file).config().map(c -> c.get("include")).orElse(null);
        if (include == null) {
            return Optional.empty();
        }
        List<YamlNode> items = include.resolved() instanceof YamlSequence seq ? seq.items() : List.of(include);
        for (YamlNode item : items) {
            if (item.resolved() instanceof YamlMapping m && item == m && m.anchor() == null
                    && Location.of(file, m).equals(at)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
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
