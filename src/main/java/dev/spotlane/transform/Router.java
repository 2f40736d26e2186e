package dev.spotlane.transform;

import dev.spotlane.model.Pipeline;
import dev.spotlane.policy.InstanceClass;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.Route;
import dev.spotlane.policy.Routing;
import dev.spotlane.policy.RoutingMode;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.yaml.Comment;
import dev.spotlane.yaml.YamlFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Applies a routing policy to every job of a resolved pipeline. */
public final class Router {
    /** The marker that keeps a job where it is, written as a comment on the job's key line. */
    public static final String KEEP_LOCAL = "spotlane: keep-local";

    private Router() {
    }

    public static List<Decision> decide(ResolvedPipeline pipeline, Policy policy) {
        Objects.requireNonNull(policy, "policy");
        return decide(pipeline, policy, JobNeedsFinder.of(Objects.requireNonNull(pipeline, "pipeline"),
                policy.platforms()));
    }

    /**
     * As {@link #decide(ResolvedPipeline, Policy)}, with the jobs' needs already found
     * ({@link JobNeedsFinder#of} of this pipeline and the policy's platforms), for a caller that uses them too.
     */
    public static List<Decision> decide(ResolvedPipeline pipeline, Policy policy, Map<String, JobNeeds> needs) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(needs, "needs");
        Routing routing = policy.routing();
        Set<String> cloudTags = new HashSet<>();
        cloudTags.add(routing.cloudTag());
        routing.classes().values().forEach(c -> cloudTags.addAll(c.tags()));
        List<Decision> out = new ArrayList<>();
        for (ResolvedJob job : pipeline.jobs().values()) {
            out.add(decide(job, pipeline, routing, cloudTags, needs.get(job.name()), policy.assumeComplete()));
        }
        return out;
    }

    private static Decision decide(ResolvedJob job, ResolvedPipeline pipeline, Routing routing, Set<String> cloudTags,
                                   JobNeeds needs, boolean assumeComplete) {
        List<String> from = job.tags();
        if (job.isTrigger()) {
            return keep(job, "trigger job: runs on no runner", from);
        }
        if (markedKeepLocal(job.name(), pipeline)) {
            return keep(job, "marked \"# " + KEEP_LOCAL + "\"", from);
        }
        String stage = job.get("stage") instanceof RScalar s && s.value() != null ? s.value() : "test";
        List<String> parents = new ArrayList<>();
        RNode ext = job.get("extends");
        if (ext instanceof RScalar s && s.value() != null) {
            parents.add(s.value());
        } else if (ext instanceof RList l) {
            l.items().forEach(i -> {
                if (i instanceof RScalar s && s.value() != null) {
                    parents.add(s.value());
                }
            });
        }
        // the first matching route whose class can run the job; when none can, the job stays, with the reason
        List<Route> matching = routing.routes().stream().filter(r -> r.matches(job.name(), stage, parents)).toList();
        if (matching.isEmpty()) {
            return new Decision(job.name(), Decision.Outcome.NO_ROUTE, "", null, null, from, from);
        }
        if (job.get("tags") != null && !(job.get("tags") instanceof RList)) {
            return keep(job, "tags are not a list", from);
        }
        for (String tag : from) {
            if (tag.contains("$")) {
                return keep(job, "tag \"" + tag + "\" holds a variable", from);
            }
            if (!routing.localTags().contains(tag) && !cloudTags.contains(tag)) {
                return keep(job, "tag \"" + tag + "\" is neither a local nor a cloud tag", from);
            }
        }
        Route route = null;
        for (Route r : matching) {
            if (needs.unmet(routing.classes().get(r.className()), assumeComplete).isEmpty()) {
                route = r;
                break;
            }
        }
        if (route == null) {
            InstanceClass first = routing.classes().get(matching.get(0).className());
            String reason = needs.unmet(first, assumeComplete).orElseThrow().reason();
            if (from.isEmpty() && routing.mode() == RoutingMode.OVERFLOW && !routing.localTags().isEmpty()) {
                // untagged, the default class would take it in overflow mode: its local tags keep it where it is
                return new Decision(job.name(), Decision.Outcome.KEEP, reason + "; tagged "
                        + routing.localTags() + " so that the cloud runners do not take it", null, null, from,
                        routing.localTags());
            }
            return keep(job, reason, from);
        }
        InstanceClass cls = routing.classes().get(route.className());
        List<String> to = new ArrayList<>();
        if (!(routing.mode() == RoutingMode.OVERFLOW && cls.isDefault())) {
            to.add(routing.cloudTag());
            to.addAll(cls.tags());
        }
        if (new LinkedHashSet<>(from).equals(new LinkedHashSet<>(to))) {
            return new Decision(job.name(), Decision.Outcome.COMPLIANT, "", route.name(), cls.name(), from, from);
        }
        return new Decision(job.name(), Decision.Outcome.MOVE, "", route.name(), cls.name(), from, to);
    }

    private static Decision keep(ResolvedJob job, String reason, List<String> from) {
        return new Decision(job.name(), Decision.Outcome.KEEP, reason, null, null, from, from);
    }

    /** True when any file defining the job carries the keep-local marker on the job's key line. */
    static boolean markedKeepLocal(String job, ResolvedPipeline pipeline) {
        for (YamlFile file : pipeline.files()) {
            var entry = Pipeline.of(file).job(job);
            if (entry.isPresent()) {
                Comment c = file.inlineCommentOnLine(entry.get().entry().key().span().start());
                if (c != null && c.text().contains(KEEP_LOCAL)) {
                    return true;
                }
            }
        }
        return false;
    }
}
