package dev.spotlane.transform;

import dev.spotlane.model.ImageUse;
import dev.spotlane.model.Location;
import dev.spotlane.model.Pipeline;
import dev.spotlane.policy.ImagePolicy;
import dev.spotlane.policy.Routing;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.YamlAlias;
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
import java.util.TreeSet;

/**
 * Gives every image written in a file the pull_policy of its class: pinned by digest → the pinned policy, a tag
 * only → the unpinned policy. Edits go where the image is written (a job, a hidden job, {@code default:}, an
 * anchor), so every job that uses it gets the same policy. A policy that equals the class policy (or a list whose
 * first entry does) is compliant.
 */
final class PullPolicyPlanner {
    private final ImagePolicy policy;
    private final Routing routing;
    private final Map<Location, List<ResolvedImage>> expansions;
    private final Map<String, List<String>> finalTags;
    private final CacheRewrite rewrite;

    /**
     * @param policy     the image classes
     * @param routing    the runners (which job may land where, and what each allows)
     * @param expansions what each written image becomes in the jobs that use it (variables expanded)
     * @param finalTags  every job's tags after the fix
     */
    PullPolicyPlanner(ImagePolicy policy, Routing routing, Map<Location, List<ResolvedImage>> expansions,
                      Map<String, List<String>> finalTags) {
        this.policy = policy;
        this.routing = routing;
        this.expansions = expansions;
        this.finalTags = finalTags;
        this.rewrite = CacheRewrite.of(policy.mirror(), routing, expansions, finalTags);
    }

    /**
     * Why {@code want} may not be written where an image is written, or null when it may: it is written only for
     * images a job on the cloud fleet pulls, and only when every runner any job using it may land on allows it
     * (the cloud runners allow the image classes' policies; the local runner what the rules declare, default
     * {@code [always]}; unmanaged runners nothing known). GitLab Runner fails a job whose pull_policy shares nothing
     * with its {@code allowed_pull_policies} (gitlab-runner executors/docker/internal/pull/manager.go).
     */
    private String unsafe(Location at, String want) {
        Set<String> users = new TreeSet<>();
        expansions.getOrDefault(at, List.of()).forEach(u -> users.add(u.job()));
        List<String> cloud = List.of(policy.pinned(), policy.unpinned());
        if (users.stream().allMatch(j -> routing.classesFor(finalTags.getOrDefault(j, List.of())).isEmpty())) {
            return STAYS;
        }
        for (String job : users) {
            List<String> tags = finalTags.getOrDefault(job, List.of());
            if (routing.allowedPullPolicies(tags, cloud).contains(want)) {
                continue;
            }
            boolean onCloud = !routing.classesFor(tags).isEmpty();
            if (routing.localMayTake(tags)) {
                return "pull_policy \"" + want + "\" is not in the local runner's allowed_pull_policies "
                        + quoted(routing.localAllowedPullPolicies()) + " and job \"" + job + "\" "
                        + (onCloud ? "may run there (overflow)" : "stays there")
                        + "; add \"" + want + "\" to allowed_pull_policies under [runners.docker] in the local runner's"
                        + " config.toml, and to routing.local_runner.allowed_pull_policies in the rules";
            }
            return "job \"" + job + "\" runs on a runner spotlane does not manage, whose allowed_pull_policies are"
                    + " unknown";
        }
        return null;
    }

    /**
     * The edits that point an image at the cache: the {@code name} replaced (a short form becomes the long form
     * when an alias or a pull_policy goes with it), the alias added for a service that had none.
     */
    private static EditPlan renamed(YamlEditor editor, ImageUse use, CacheNote rename, String want) {
        YamlScalar name = (YamlScalar) use.nameNode();
        YamlMapping long_ = use.mapping();
        if (long_ == null) {
            Map<String, YamlValue> extra = new java.util.LinkedHashMap<>();
            if (rename.alias() != null) {
                extra.put("alias", YamlValue.string(rename.alias()));
            }
            if (want != null) {
                extra.put("pull_policy", YamlValue.string(want));
            }
            if (extra.isEmpty()) {
                return editor.replaceScalar(name, rename.to());
            }
            checkAliases(editor, name);
            return editor.toLongForm(name, rename.to(), extra);
        }
        EditPlan r = editor.replaceScalar(name, rename.to());
        if (rename.alias() != null) {
            r = r.plus(editor.addEntry(long_, "alias", YamlValue.string(rename.alias())));
        }
        return r;
    }

    /** Marks images only jobs that do not run on the cloud fleet pull. */
    static final String STAYS = "used by no job that runs on the cloud fleet";

    private static String quoted(List<String> values) {
        return "[\"" + String.join("\", \"", values) + "\"]";
    }

    EditPlan plan(YamlFile file, YamlEditor editor, List<ImageNote> notes, List<PlannedEdit> edits) {
        return plan(file, editor, notes, edits, new java.util.ArrayList<>());
    }

    /** As above; with an ECR pull-through cache to rewrite to, also what happened to each Docker Hub image. */
    EditPlan plan(YamlFile file, YamlEditor editor, List<ImageNote> notes, List<PlannedEdit> edits,
                  List<CacheNote> renames) {
        EditPlan.Builder plan = new EditPlan.Builder();
        for (ImageUse use : Pipeline.of(file).imageUses()) {
            String ref = use.ref().original();
            CacheNote rename = rewrite == null ? null : rewrite.decide(file, use);
            if (rename != null && !rename.rewritten()) {
                renames.add(rename);
                rename = null;
            }
            if (!use.ref().dynamic() && !use.ref().valid()) {
                notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.LEFT, null, use.ref().problem()));
                continue;
            }
            String want = use.ref().dynamic() ? dynamicPolicy(use.location()) : policy.policyFor(use.ref().pinned());
            if (want.startsWith("!")) {
                notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.LEFT, null, want.substring(1)));
                continue;
            }
            YamlMapping long_ = use.mapping();
            try {
                EditPlan p = long_ == null ? shortForm(editor, (YamlScalar) use.nameNode(), want)
                        : longForm(editor, long_, want);
                String unsafe = p == null ? null : unsafe(use.location(), want);
                if (rename != null) {
                    EditPlan r = renamed(editor, use, rename, p != null && unsafe == null ? want : null);
                    if (p != null && unsafe == null && long_ != null) {
                        r = p.plus(r);
                    }
                    plan.add(r);
                    edits.add(new PlannedEdit(file.name(), r, null, use.location()));
                    renames.add(rename);
                    p = p != null && unsafe == null ? r : p;
                    if (p == r) {
                        notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.SET, want, ""));
                        continue;
                    }
                }
                if (p == null) {
                    notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.COMPLIANT, want, ""));
                } else if (unsafe == STAYS) {
                    notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.STAYS, null, STAYS));
                } else if (unsafe != null) {
                    notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.LEFT, null, unsafe));
                } else {
                    plan.add(p);
                    edits.add(new PlannedEdit(file.name(), p, null, use.location()));
                    notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.SET, want, ""));
                }
            } catch (IllegalArgumentException e) {
                notes.add(new ImageNote(use.location(), ref, ImageNote.Outcome.LEFT, null, reason(e)));
                if (rename != null) {
                    renames.add(new CacheNote(use.location(), ref, null, null, reason(e)));
                }
            }
        }
        return plan.build();
    }

    /**
     * The policy of an image written with variables: known when every job that uses it expands it to a valid
     * reference of the same class; otherwise {@code "!"} and the reason it is left alone.
     */
    private String dynamicPolicy(Location at) {
        List<ResolvedImage> uses = expansions.getOrDefault(at, List.of());
        Set<String> needs = new TreeSet<>();
        Set<Boolean> pinned = new HashSet<>();
        for (ResolvedImage u : uses) {
            Boolean p = u.ref().valid() ? Boolean.valueOf(u.ref().pinned()) : pinning(u.ref().original());
            if (p == null) {
                needs.addAll(u.needs());
            } else {
                pinned.add(p);
            }
        }
        if (uses.isEmpty() || !needs.isEmpty()) {
            return "!holds a variable" + (needs.isEmpty() ? "" : " (" + String.join(", ", needs) + ")")
                    + ": its class is known only when the job runs";
        }
        if (uses.stream().anyMatch(u -> !u.ref().valid() && !u.ref().dynamic())) {
            return "!expands to an invalid reference";
        }
        if (pinned.isEmpty()) {
            return "!holds a variable: its class is known only when the job runs";
        }
        if (pinned.size() > 1) {
            return "!expands to pinned and unpinned references in different jobs";
        }
        return policy.policyFor(pinned.iterator().next());
    }

    /**
     * Whether a reference that still holds variables is pinned, when its last path component (tag and digest)
     * holds none: {@code $CI_REGISTRY/tools/lint:1.2} (or with no tag, an implied latest) is unpinned whatever the
     * registry is. Null when unknown.
     */
    static Boolean pinning(String reference) {
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        if (last.indexOf('$') >= 0) {
            return null;
        }
        int at = last.indexOf('@');
        if (at >= 0) {
            return last.substring(at + 1).startsWith("sha256:") ? Boolean.TRUE : null;
        }
        return Boolean.FALSE;
    }

    private static String reason(IllegalArgumentException e) {
        String m = e.getMessage();
        int i = m.indexOf(": ");
        return i >= 0 && m.substring(0, i).matches(".*:\\d+:\\d+") ? m.substring(i + 2) : m;
    }

    private static EditPlan shortForm(YamlEditor editor, YamlScalar name, String want) {
        checkAliases(editor, name);
        return editor.toLongForm(name, Map.of("pull_policy", YamlValue.string(want)));
    }

    /** Refuses to turn an anchored scalar into a mapping when an alias of it sits where a mapping would not fit. */
    private static void checkAliases(YamlEditor editor, YamlScalar name) {
        if (name.anchor() != null) {
            YamlFile file = editor.file();
            for (YamlAlias alias : file.aliasesOf(name)) {
                if (!imagePosition(file, alias)) {
                    throw new IllegalArgumentException("anchored (&" + name.anchor() + ") and also used where a"
                            + " mapping would not fit, at " + file.location(alias) + "; set pull_policy by hand");
                }
            }
        }
    }

    /** True when a value sits where an image may be a mapping: under {@code image:} or in {@code services:}. */
    static boolean imagePosition(YamlFile file, YamlNode value) {
        YamlNode parent = file.parentOf(value);
        if (parent instanceof YamlMapping m) {
            return m.entries().stream().anyMatch(e -> e.value() == value && "image".equals(e.keyText()));
        }
        if (parent instanceof YamlSequence seq && file.parentOf(seq) instanceof YamlMapping m) {
            return m.entries().stream().anyMatch(e -> e.value() == seq && "services".equals(e.keyText()));
        }
        return false;
    }

    /** Null when compliant. */
    private static EditPlan longForm(YamlEditor editor, YamlMapping image, String want) {
        YamlNode current = image.get("pull_policy");
        if (current != null && compliant(current.resolved(), want)) {
            return null;
        }
        Optional<YamlEntry> own = image.ownEntry("pull_policy");
        if (own.isPresent() && own.get().value() instanceof YamlScalar s && s.anchor() == null) {
            return editor.replaceScalar(s, want);
        }
        if (own.isPresent() && own.get().value().anchor() == null) {
            return ValueEdits.replaceEntryValue(editor, own.get(), YamlValue.string(want));
        }
        if (own.isPresent()) {
            throw new IllegalArgumentException("pull_policy is anchored (&" + own.get().value().anchor()
                    + "); change it by hand");
        }
        return editor.addEntry(image, "pull_policy", YamlValue.string(want));
    }

    private static boolean compliant(YamlNode value, String want) {
        if (value instanceof YamlScalar s) {
            return want.equals(s.value());
        }
        return value instanceof YamlSequence seq && !seq.items().isEmpty()
                && want.equals(seq.items().get(0).scalarValue());
    }
}
