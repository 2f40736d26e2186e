package dev.spotlane.policy.init;

import dev.spotlane.policy.InstanceClass;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.Routing;
import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Plans a repository's first {@code .spotlane.yml} from the tags its pipeline already uses (and, when known, the
 * runners GitLab lists for the project), on top of the bundled rules: the policy, classes, routes and fleet of the
 * design stay as bundled; {@code routing.local_tags}, {@code routing.other_runners} and
 * {@code images.require_pinned_services} are decided here.
 *
 * <p>How a tag set is placed (one set per distinct {@code tags:} of a job):
 * <ol>
 *   <li>tags that are the cloud tag or a class tag are spotlane's own cloud runners': nothing to declare;</li>
 *   <li>with the project's runners: the local runner is the active project or group runner whose tags are all
 *       "generic" (see {@link TagHeuristic}) and that can take the most jobs; {@code local_tags} become its tags.
 *       A set it cannot take goes to {@code other_runners} as the tag list of a runner that can take it, or, when
 *       no runner can, is left undeclared with a note (those jobs wait forever today, and lint keeps saying so);</li>
 *   <li>without them: a set holding a tag that names an OS, architecture, non-Docker executor, special hardware
 *       or GitLab.com's hosted runners is another runner's (the set is declared as is); every other tag is the
 *       local runner's.</li>
 * </ol>
 */
public final class RulesInit {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n",
            "~");
    private static final int MAX_JOBS_SHOWN = 3;

    private RulesInit() {
    }

    /**
     * Plans the rules file.
     *
     * @param uses             the distinct tag sets the pipeline's jobs carry (no variables, no trigger jobs)
     * @param runners          the runners GitLab lists for the project, or null when they were not asked for
     * @param unpinnedServices how many service images are not pinned by digest
     * @param project          the project the runners belong to, for messages (null without runners)
     */
    public static InitPlan plan(List<TagUse> uses, List<KnownRunner> runners, int unpinnedServices, String project) {
        Objects.requireNonNull(uses, "uses");
        Routing bundled = PolicyLoader.bundled().routing();
        Set<String> cloudTags = new HashSet<>();
        cloudTags.add(bundled.cloudTag());
        for (InstanceClass c : bundled.classes().values()) {
            cloudTags.addAll(c.tags());
        }
        Map<String, List<String>> jobsByTag = new TreeMap<>();
        for (TagUse u : uses) {
            for (String t : u.tags()) {
                jobsByTag.computeIfAbsent(t, k -> new ArrayList<>()).addAll(u.jobs());
            }
        }
        jobsByTag.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
        Map<String, TagDecision> decisions = new TreeMap<>();
        List<InitPlan.OtherRunner> others = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> local = new LinkedHashSet<>();
        KnownRunner localRunner = runners == null ? null : localRunner(uses, runners, cloudTags);
        if (runners != null && localRunner == null) {
            notes.add("no active project or group runner of " + project + " with only generic tags takes any job:"
                    + " the tags are placed by their names instead");
        }
        if (localRunner != null) {
            localRunner.tags().stream().filter(t -> !cloudTags.contains(t)).forEach(local::add);
            notes.add("the local runner is taken to be " + localRunner.label() + " (" + localRunner.type()
                    + ", tags " + flow(localRunner.tags()) + "): it can take the most jobs");
        }
        for (TagUse u : uses) {
            List<String> tags = u.tags();
            if (cloudTags.containsAll(tags)) {
                tags.forEach(t -> decisions.putIfAbsent(t, new TagDecision(t, TagDecision.Side.CLOUD,
                        "spotlane's cloud tag or a class tag", jobsByTag.get(t))));
                continue;
            }
            if (localRunner != null) {
                placeByRunners(u, runners, localRunner, local, cloudTags, others, decisions, notes, jobsByTag,
                        project);
            } else {
                placeByName(u, local, cloudTags, others, decisions, jobsByTag);
            }
        }
        for (String t : local) {
            TagDecision d = decisions.get(t);
            if (d != null && d.side() != TagDecision.Side.LOCAL) {
                decisions.put(t, new TagDecision(t, TagDecision.Side.LOCAL, localRunner != null ? "the local runner "
                        + localRunner.label() + " has it" : "a generic tag: no OS, architecture, executor or hardware"
                        + " name", jobsByTag.get(t)));
            }
        }
        List<InitPlan.OtherRunner> minimal = minimal(others);
        boolean pin = unpinnedServices == 0;
        String pinReason = pin ? "no service image is left unpinned: keep it so, unpinned-service-image is an"
                + " error" : unpinnedServices + " service image(s) are not pinned by digest yet: unpinned-service-image"
                + " stays a warning; set it to true once they are";
        String text = render(List.copyOf(local), minimal, pin, pinReason, localRunner);
        try {
            PolicyLoader.load(new Source(".spotlane.yml", text), Path.of("."));
        } catch (PolicyException e) {
            throw new IllegalStateException("spotlane init wrote rules its own loader rejects: " + e.getMessage(), e);
        }
        return new InitPlan(List.copyOf(local), minimal, List.copyOf(decisions.values()), pin, pinReason, notes,
                text);
    }

    /** No runner: by the tags' names. */
    private static void placeByName(TagUse u, Set<String> local, Set<String> cloudTags,
                                    List<InitPlan.OtherRunner> others, Map<String, TagDecision> decisions,
                                    Map<String, List<String>> jobsByTag) {
        String why = null;
        for (String t : u.tags()) {
            String r = TagHeuristic.otherRunnerReason(t);
            if (r != null && why == null) {
                why = "\"" + t + "\" " + r;
            }
        }
        if (why == null) {
            for (String t : u.tags()) {
                if (!cloudTags.contains(t)) {
                    local.add(t);
                    decisions.putIfAbsent(t, new TagDecision(t, TagDecision.Side.LOCAL, "a generic tag: no OS,"
                            + " architecture, executor or hardware name", jobsByTag.get(t)));
                }
            }
            return;
        }
        others.add(new InitPlan.OtherRunner(u.tags(), why + ": " + jobs(u.jobs())));
        for (String t : u.tags()) {
            String r = TagHeuristic.otherRunnerReason(t);
            decisions.putIfAbsent(t, r != null ? new TagDecision(t, TagDecision.Side.OTHER, r, jobsByTag.get(t))
                    : new TagDecision(t, TagDecision.Side.OTHER, "used with " + why, jobsByTag.get(t)));
        }
    }

    /** With the project's runners: who can take the set. */
    private static void placeByRunners(TagUse u, List<KnownRunner> runners, KnownRunner localRunner, Set<String> local,
                                       Set<String> cloudTags, List<InitPlan.OtherRunner> others,
                                       Map<String, TagDecision> decisions, List<String> notes,
                                       Map<String, List<String>> jobsByTag, String project) {
        if (local.containsAll(u.tags())) {
            u.tags().forEach(t -> decisions.putIfAbsent(t, new TagDecision(t, TagDecision.Side.LOCAL,
                    "the local runner " + localRunner.label() + " has it", jobsByTag.get(t))));
            return;
        }
        KnownRunner taker = runners.stream().filter(r -> !r.paused() && r != localRunner)
                .filter(r -> r.tags().containsAll(u.tags())).min(Comparator.comparing(KnownRunner::id)).orElse(null);
        if (taker == null) {
            notes.add("no active runner of " + project + " has all of " + flow(u.tags()) + ": " + jobs(u.jobs())
                    + " wait forever today; left undeclared, so lint keeps reporting them");
            u.tags().forEach(t -> decisions.putIfAbsent(t, new TagDecision(t, local.contains(t)
                    ? TagDecision.Side.LOCAL : TagDecision.Side.OTHER, local.contains(t)
                    ? "the local runner " + localRunner.label() + " has it" : "no runner has it", jobsByTag.get(t))));
            return;
        }
        List<String> tags = taker.tags().stream().filter(t -> !cloudTags.contains(t)).toList();
        others.add(new InitPlan.OtherRunner(tags, "runner " + taker.label() + " (" + taker.type() + ") has them: "
                + jobs(u.jobs())));
        u.tags().forEach(t -> decisions.putIfAbsent(t, new TagDecision(t, local.contains(t) ? TagDecision.Side.LOCAL
                : TagDecision.Side.OTHER, local.contains(t) ? "the local runner " + localRunner.label() + " has it"
                : "runner " + taker.label() + " has it", jobsByTag.get(t))));
    }

    /**
     * The local runner: active, not shared, every tag generic, taking the most jobs (then the lowest id); null when
     * none takes any job.
     */
    static KnownRunner localRunner(List<TagUse> uses, List<KnownRunner> runners, Set<String> cloudTags) {
        KnownRunner best = null;
        int bestJobs = 0;
        for (KnownRunner r : runners.stream().sorted(Comparator.comparing(KnownRunner::id)).toList()) {
            if (r.paused() || r.shared() || r.tags().stream().anyMatch(t -> TagHeuristic.otherRunnerReason(t) != null
                    || cloudTags.contains(t))) {
                continue;
            }
            int jobs = 0;
            for (TagUse u : uses) {
                if (!u.tags().isEmpty() && r.tags().containsAll(u.tags())) {
                    jobs += u.jobs().size();
                }
            }
            if (jobs > bestJobs) {
                best = r;
                bestJobs = jobs;
            }
        }
        return best;
    }

    /** Drops a tag set another declared set contains, and repeats; the first reason of each kept set stays. */
    private static List<InitPlan.OtherRunner> minimal(List<InitPlan.OtherRunner> all) {
        Map<Set<String>, InitPlan.OtherRunner> distinct = new LinkedHashMap<>();
        for (InitPlan.OtherRunner r : all) {
            distinct.putIfAbsent(new LinkedHashSet<>(r.tags()), r);
        }
        List<InitPlan.OtherRunner> out = new ArrayList<>();
        for (Map.Entry<Set<String>, InitPlan.OtherRunner> e : distinct.entrySet()) {
            boolean covered = distinct.keySet().stream().anyMatch(s -> s != e.getKey() && s.size() > e.getKey().size()
                    && s.containsAll(e.getKey()));
            if (!covered) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** The bundled rules with the decided keys, each with a comment saying why. */
    private static String render(List<String> local, List<InitPlan.OtherRunner> others, boolean pin,
                                 String pinReason, KnownRunner localRunner) {
        List<String> lines = new ArrayList<>(List.of(PolicyLoader.bundledText().split("\n", -1)));
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("#")) {
            i++;
        }
        List<String> out = new ArrayList<>();
        out.add("# spotlane rules for this repository, written by `spotlane init` (reference: docs/rules-file.md,");
        out.add("# schema: schemas/spotlane-rules.schema.json). Check the tag decisions below, then commit this file:");
        out.add("# `spotlane lint` and `spotlane fix` read it from the repository root.");
        boolean localDone = false;
        boolean othersDone = false;
        boolean pinDone = false;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("  local_tags:") || line.startsWith("  require_pinned_services:")) {
                // the bundled comments of a replaced key go with it: above it, and continued below it
                while (!out.isEmpty() && out.get(out.size() - 1).startsWith("  #")) {
                    out.remove(out.size() - 1);
                }
                while (i + 1 < lines.size() && lines.get(i + 1).matches(" {3,}#.*")) {
                    i++;
                }
            }
            if (line.startsWith("  local_tags:")) {
                out.add("  # the local runner's tags (dropped when a job moves to the cloud): "
                        + (localRunner != null ? "the tags of runner " + comment(localRunner.label())
                        : local.isEmpty() ? "no job carries a generic tag" : "the generic tags the pipeline uses"));
                out.add("  local_tags: " + flow(local));
                localDone = true;
                continue;
            }
            if (line.startsWith("images:") && !othersDone) {
                while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                    out.remove(out.size() - 1);
                }
                out.add("  # runners spotlane does not manage: a job whose tags are all among one set stays where it is");
                if (others.isEmpty()) {
                    out.add("  other_runners: []        # none found");
                } else {
                    out.add("  other_runners:");
                    for (InitPlan.OtherRunner r : others) {
                        out.add("    # " + comment(r.reason()));
                        out.add("    - " + flow(r.tags()));
                    }
                }
                out.add("");
                othersDone = true;
            }
            if (line.startsWith("  require_pinned_services:")) {
                out.add("  # " + comment(pinReason));
                out.add("  require_pinned_services: " + pin);
                pinDone = true;
                continue;
            }
            out.add(line);
        }
        if (!localDone || !othersDone || !pinDone) {
            throw new IllegalStateException("the bundled rules lack routing.local_tags, images: or"
                    + " images.require_pinned_services");
        }
        return String.join("\n", out);
    }

    /** A YAML flow sequence of tags, quoting only what needs it. */
    static String flow(List<String> tags) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < tags.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(quote(tags.get(i)));
        }
        return b.append(']').toString();
    }

    /** A tag as a YAML scalar: plain when safe, else double-quoted. */
    static String quote(String tag) {
        if (PLAIN.matcher(tag).matches() && !RESERVED.contains(tag.toLowerCase(java.util.Locale.ROOT))) {
            return tag;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Jobs for a message: {@code jobs "a", "b" and 3 more}. */
    static String jobs(List<String> jobs) {
        StringBuilder b = new StringBuilder(jobs.size() == 1 ? "job " : "jobs ");
        for (int i = 0; i < Math.min(jobs.size(), MAX_JOBS_SHOWN); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(jobs.get(i)).append('"');
        }
        if (jobs.size() > MAX_JOBS_SHOWN) {
            b.append(" and ").append(jobs.size() - MAX_JOBS_SHOWN).append(" more");
        }
        return b.toString();
    }

    /** One line of comment text: no line breaks. */
    private static String comment(String s) {
        return s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }
}
