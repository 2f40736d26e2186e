package dev.spotlane.transform;

import dev.spotlane.model.ImageRef;
import dev.spotlane.model.Location;
import dev.spotlane.policy.Mirror;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.OverlayIncludeSource;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RRef;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlEditor;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans {@code spotlane fix}: routing tags and pull policies as minimal edits, then proves them by re-resolving the
 * edited files in memory: every job must end with exactly the tags decided and nothing else may change but tags and
 * pull policies. A plan that fails the proof is a bug and is refused, never written.
 */
public final class Fixer {
    private Fixer() {
    }

    /**
     * What {@code fix} does beyond tags, pull policies and the rules' cache rewrite.
     *
     * @param addRetry give jobs on the spot fleet a retry on {@code runner_system_failure} ({@code --add-retry})
     */
    public record Options(boolean addRetry) {
        /** Tags, pull policies and what the rules ask, nothing more. */
        public static final Options DEFAULT = new Options(false);
    }

    /**
     * What a caller has already computed for the pipeline and policy it plans for, so that it is not computed again
     * ({@code lint} uses both for its checks too).
     *
     * @param needs  every job's needs, {@link JobNeedsFinder#of} of the pipeline and the policy's platforms; null:
     *               found here
     * @param images every image the pipeline pulls with no user variables, {@link ImageResolution#of} of the
     *               pipeline and an empty map; null: found here
     */
    public record Known(Map<String, JobNeeds> needs, List<ResolvedImage> images) {
        /** Nothing known: everything is computed by the plan. */
        public static final Known NOTHING = new Known(null, null);
    }

    /**
     * @param pipeline the resolved pipeline
     * @param policy   the rules
     * @param source   where its includes came from (to re-resolve the result)
     * @param mainPath the main file's path in the source
     */
    public static FixResult plan(ResolvedPipeline pipeline, Policy policy, IncludeSource source, String mainPath) {
        return plan(pipeline, policy, source, mainPath, Options.DEFAULT);
    }

    /** As {@link #plan(ResolvedPipeline, Policy, IncludeSource, String)}, with options. */
    public static FixResult plan(ResolvedPipeline pipeline, Policy policy, IncludeSource source, String mainPath,
                                 Options options) {
        return plan(pipeline, policy, source, mainPath, options, Known.NOTHING);
    }

    /** As {@link #plan(ResolvedPipeline, Policy, IncludeSource, String, Options)}, reusing what is {@code known}. */
    public static FixResult plan(ResolvedPipeline pipeline, Policy policy, IncludeSource source, String mainPath,
                                 Options options, Known known) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(policy, "policy");
        Map<YamlFile, YamlEditor> editors = new LinkedHashMap<>();
        Map<YamlFile, EditPlan.Builder> plans = new LinkedHashMap<>();
        List<ImageNote> images = new ArrayList<>();
        List<PlannedEdit> edits = new ArrayList<>();
        Map<Location, List<ResolvedImage>> expansions = new HashMap<>();
        List<ResolvedImage> resolved = known.images() != null ? known.images() : ImageResolution.of(pipeline, Map.of());
        for (ResolvedImage image : resolved) {
            if (image.job() != null) {
                expansions.computeIfAbsent(image.location(), k -> new ArrayList<>()).add(image);
            }
        }
        List<Decision> routed = known.needs() == null ? Router.decide(pipeline, policy)
                : Router.decide(pipeline, policy, known.needs());
        Map<String, List<String>> wanted = new HashMap<>();
        for (Decision d : routed) {
            wanted.put(d.job(), d.to());
        }
        List<Decision> decisions = new ArrayList<>();
        List<TagPlanner.Placement> placements = new ArrayList<>();
        List<String> placedJobs = new ArrayList<>();
        TagPlanner tags = new TagPlanner(pipeline, editors, wanted);
        for (Decision d : routed) {
            // a job moves, or one that stays is pinned to the local runner (overflow mode, untagged, cannot run on
            // the default class)
            if (d.outcome() != Decision.Outcome.MOVE && d.to().equals(d.from())) {
                decisions.add(d);
                continue;
            }
            try {
                placements.add(tags.place(d.job(), d.to()));
                placedJobs.add(d.job());
                decisions.add(d);
            } catch (IllegalArgumentException e) {
                decisions.add(new Decision(d.job(), Decision.Outcome.KEEP, e.getMessage(), d.route(), d.className(),
                        d.from(), d.from()));
            }
        }
        // pull policies follow where the jobs end up, after the moves that could not be placed are taken back
        Map<String, List<String>> finalTags = new HashMap<>();
        for (Decision d : decisions) {
            finalTags.put(d.job(), d.to());
        }
        PullPolicyPlanner pull = new PullPolicyPlanner(policy.images(), policy.routing(), expansions, finalTags);
        List<CacheNote> cache = new ArrayList<>();
        for (YamlFile f : pipeline.editable()) {
            YamlEditor editor = editors.computeIfAbsent(f, YamlEditor::new);
            EditPlan p = pull.plan(f, editor, images, edits, cache);
            if (!p.isEmpty()) {
                plans.put(f, new EditPlan.Builder().add(p));
            }
        }
        Map<YamlFile, EditPlan.Builder> stanzas = new LinkedHashMap<>();
        for (int i = 0; i < placements.size(); i++) {
            TagPlanner.Placement placement = placements.get(i);
            // insertions at one offset keep plan order: nested keys (pull_policy under an image) first, then a
            // job's new keys, and override stanzas at the end of the file last
            (placement.override() ? stanzas : plans).computeIfAbsent(placement.file(), f -> new EditPlan.Builder())
                    .add(placement.plan());
            edits.add(new PlannedEdit(placement.file().name(), placement.plan(), placedJobs.get(i), null));
        }
        List<RetryNote> retries = new ArrayList<>();
        if (options.addRetry()) {
            addRetries(pipeline, decisions, editors, plans, edits, retries);
        }
        stanzas.forEach((f, p) -> plans.computeIfAbsent(f, k -> new EditPlan.Builder()).add(p.build()));
        List<FileChange> changes = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<YamlFile> edited = new ArrayList<>();
        try {
            for (Map.Entry<YamlFile, EditPlan.Builder> b : plans.entrySet()) {
                Map.Entry<YamlFile, EditPlan> e = Map.entry(b.getKey(), b.getValue().build());
                YamlFile after = editors.get(e.getKey()).edit(e.getValue());
                String text = after.text();
                if (!text.equals(e.getKey().text())) {
                    changes.add(new FileChange(e.getKey(), e.getValue(), text));
                    texts.put(e.getKey().name(), text);
                    edited.add(after);
                }
            }
            FixResult result = new FixResult(policy, decisions, images, changes, edits, cache, retries);
            if (!changes.isEmpty()) {
                prove(pipeline, result, texts, edited, source, mainPath);
            }
            return result;
        } catch (IllegalStateException | dev.spotlane.yaml.YamlException e) {
            // the guard fired: the plan is wrong for this input, so nothing is written and every job stays
            return new FixResult(policy, decisions.stream().map(d -> d.outcome() != Decision.Outcome.MOVE ? d
                    : new Decision(d.job(), Decision.Outcome.KEEP, "left where it is: spotlane could not plan an edit"
                            + " it can prove for this file (" + e.getMessage() + ")", d.route(), d.className(),
                            d.from(), d.from())).toList(), images, List.of(), List.of(),
                    cache.stream().map(c -> c.rewritten() ? new CacheNote(c.location(), c.ref(), null, null,
                            "spotlane could not prove the fix for this file") : c).toList(),
                    retries.stream().map(r -> r.added() ? new RetryNote(r.job(), null,
                            "spotlane could not prove the fix for this file") : r).toList());
        }
    }

    /**
     * Gives every job on the spot fleet without a retry on runner_system_failure one ({@link RetryPlanner}); a job
     * whose retry cannot be written safely is left with the reason.
     */
    private static void addRetries(ResolvedPipeline pipeline, List<Decision> decisions,
                                   Map<YamlFile, YamlEditor> editors, Map<YamlFile, EditPlan.Builder> plans,
                                   List<PlannedEdit> edits, List<RetryNote> retries) {
        RetryPlanner planner = new RetryPlanner(pipeline, editors);
        for (Decision d : decisions) {
            ResolvedJob job = pipeline.job(d.job()).orElse(null);
            if (!d.onCloud() || job == null || job.isTrigger() || RetryRule.retriesSystemFailures(job.get("retry"))) {
                continue;
            }
            try {
                TagPlanner.Placement p = planner.place(job);
                plans.computeIfAbsent(p.file(), f -> new EditPlan.Builder()).add(p.plan());
                edits.add(new PlannedEdit(p.file().name(), p.plan(), d.job(), null));
                retries.add(new RetryNote(d.job(), p.file().name(), null));
            } catch (IllegalArgumentException e) {
                retries.add(new RetryNote(d.job(), null, e.getMessage()));
            }
        }
    }

    /**
     * Re-resolves the edited files and checks that only the intended tags and pull policies changed. No file is
     * parsed again: the edited ones were parsed by the editor's check ({@code edited}), the others are as before.
     */
    private static void prove(ResolvedPipeline before, FixResult result, Map<String, String> texts,
                              List<YamlFile> edited, IncludeSource source, String mainPath) {
        YamlFile main = before.main();
        String mainText = texts.getOrDefault(main.name(), main.text());
        YamlParser parser = new YamlParser().reusing(edited).reusing(before.files());
        ParseResult parsed = parser.parse(main.name(), mainText);
        ResolvedPipeline after = new Resolver(parser).resolve(parsed.orElseThrow(),
                new OverlayIncludeSource(source, texts), mainPath);
        List<String> problems = new ArrayList<>();
        Mirror mirror = result.policy().images().mirror();
        java.util.Set<String> retriedJobs = new java.util.HashSet<>();
        result.retries().stream().filter(RetryNote::added).forEach(r -> retriedJobs.add(r.job()));
        for (Decision d : result.decisions()) {
            ResolvedJob a = after.job(d.job()).orElse(null);
            ResolvedJob b = before.job(d.job()).orElseThrow();
            if (a == null) {
                problems.add(d.job() + ": disappeared");
                continue;
            }
            if (!a.tags().equals(d.to()) && !(d.outcome() != Decision.Outcome.MOVE && a.tags().equals(b.tags()))) {
                problems.add(d.job() + ": tags " + a.tags() + ", expected " + d.to());
            }
            boolean retried = retriedJobs.contains(d.job());
            if (retried && !RetryRule.retriesSystemFailures(a.get("retry"))) {
                problems.add(d.job() + ": retry does not cover runner_system_failure");
            }
            if (!comparable(a.body(), mirror, retried).equals(comparable(b.body(), mirror, retried))) {
                problems.add(d.job() + ": changed beyond tags and pull_policy");
            }
        }
        if (after.jobs().size() != before.jobs().size()) {
            problems.add("job count changed from " + before.jobs().size() + " to " + after.jobs().size());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing a fix that does not do what it should: "
                    + String.join("; ", problems));
        }
    }

    /** A job's resolved body as plain values without tags and pull policies, images in one form. */
    static Object comparable(RMap body) {
        return comparable(body, null, false);
    }

    /**
     * As {@link #comparable(RMap)}; image names that point into {@code mirror} (a cache) compare as the upstream
     * image they stand for, a service's derived host name as the alias it is written as; {@code retry} is left out
     * when {@code withoutRetry}.
     */
    static Object comparable(RMap body, Mirror mirror, boolean withoutRetry) {
        Map<String, Object> out = new LinkedHashMap<>();
        body.entries().forEach((k, v) -> {
            if (k.equals("tags") || withoutRetry && k.equals("retry")) {
                return;
            }
            if (k.equals("image")) {
                out.put(k, named(image(v), mirror, false));
            } else if (k.equals("services") && v instanceof RList l) {
                out.put(k, l.items().stream().map(i -> named(image(i), mirror, true)).toList());
            } else {
                out.put(k, plain(v));
            }
        });
        return out;
    }

    /**
     * An image in one form for the proof: its name normalised (a cache reference as the upstream image), and for a
     * service without alias the host name GitLab Runner derives from a one-component name, as an alias.
     */
    private static Object named(Object image, Mirror mirror, boolean service) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (image instanceof Map<?, ?> m) {
            m.forEach((k, x) -> out.put((String) k, x));
        } else {
            out.put("name", image);
        }
        if (out.get("name") instanceof String name) {
            ImageRef ref = ImageRef.parse(name);
            if (ref.valid()) {
                out.put("name", Mirror.hubForm(mirror == null ? ref : mirror.upstreamOf(ref)).normalized());
                if (service && !out.containsKey("alias") && name.indexOf('/') < 0) {
                    out.put("alias", CacheRewrite.serviceHost(name));
                }
            }
        }
        return out;
    }

    private static Object image(RNode v) {
        if (v instanceof RMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, x) -> {
                if (!k.equals("pull_policy")) {
                    out.put(k, plain(x));
                }
            });
            return out.size() == 1 && out.containsKey("name") ? out.get("name") : out;
        }
        return plain(v);
    }

    private static Object plain(RNode v) {
        if (v instanceof RMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, x) -> out.put(k, plain(x)));
            return out;
        }
        if (v instanceof RList l) {
            return l.items().stream().map(Fixer::plain).toList();
        }
        if (v instanceof RRef r) {
            return r.display();
        }
        RScalar s = (RScalar) v;
        return s.value() == null ? "\u0000null" : s.value();
    }
}
