package dev.spotlane.transform;

import dev.spotlane.model.ImageKind;
import dev.spotlane.model.ImageRef;
import dev.spotlane.model.ImageUse;
import dev.spotlane.model.Location;
import dev.spotlane.policy.Mirror;
import dev.spotlane.policy.Routing;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.yaml.YamlAlias;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which written images {@code fix} points at an ECR pull-through cache ({@code images.mirror.kind:
 * ecr-pull-through} with {@code rewrite: true}): Docker Hub references that only jobs running on the cloud fleet
 * use. ECR cannot be a daemon mirror, so the reference itself names the cache; a job that may run on the local runner
 * or a runner spotlane does not manage could not pull it there (no ECR credentials), so an image such a job shares is
 * left and the reason said.
 */
final class CacheRewrite {
    private final Mirror.EcrPullThrough cache;
    private final Routing routing;
    private final Map<Location, List<ResolvedImage>> expansions;
    private final Map<String, List<String>> finalTags;

    private CacheRewrite(Mirror.EcrPullThrough cache, Routing routing, Map<Location, List<ResolvedImage>> expansions,
                         Map<String, List<String>> finalTags) {
        this.cache = cache;
        this.routing = routing;
        this.expansions = expansions;
        this.finalTags = finalTags;
    }

    /** The rewrite the rules ask for, or null when they ask for none. */
    static CacheRewrite of(Mirror mirror, Routing routing, Map<Location, List<ResolvedImage>> expansions,
                           Map<String, List<String>> finalTags) {
        return mirror instanceof Mirror.EcrPullThrough ecr && ecr.rewrite()
                ? new CacheRewrite(ecr, routing, expansions, finalTags) : null;
    }

    /** True when every runner that may take a job with these tags is a cloud class runner. */
    boolean cloudOnly(List<String> tags) {
        return !routing.classesFor(tags).isEmpty() && !routing.localMayTake(tags)
                && routing.otherRunners().stream().noneMatch(r -> r.containsAll(tags));
    }

    /**
     * The decision for one written image, or null when there is nothing to say: not an image of the cache's
     * upstream (or already a cache reference), or no job on the cloud fleet uses it.
     */
    CacheNote decide(YamlFile file, ImageUse use) {
        ImageRef ref = use.ref();
        String written = ref.original();
        Set<String> users = new TreeSet<>();
        expansions.getOrDefault(use.location(), List.of()).forEach(u -> users.add(u.job()));
        List<String> cloud = users.stream().filter(j -> cloudOnly(finalTags.getOrDefault(j, List.of()))).toList();
        boolean onCloud = users.stream().anyMatch(j -> !routing.classesFor(finalTags.getOrDefault(j, List.of()))
                .isEmpty());
        if (!onCloud || !ref.dynamic() && !ref.valid() || ref.valid() && cache.covers(ref)) {
            return null;
        }
        if (ref.valid() && !cache.fromUpstream(ref) || ref.dynamic() && !upstreamLike(use)) {
            return null;
        }
        String cannot = cache.cannotCache(ref);
        if (cannot != null) {
            return left(use, cannot);
        }
        for (String job : users) {
            if (!cloud.contains(job)) {
                List<String> tags = finalTags.getOrDefault(job, List.of());
                boolean cloudToo = !routing.classesFor(tags).isEmpty();
                String where = routing.localMayTake(tags) ? (cloudToo ? "may run" : "runs") + " on the local runner"
                        : cloudToo ? "may run on a runner spotlane does not manage"
                        : "runs on a runner spotlane does not manage";
                return left(use, (cloud.isEmpty() ? "used by" : "also used by") + " job \"" + job + "\", which "
                        + where + " where the cache is not reachable without ECR credentials");
            }
        }
        YamlScalar name = (YamlScalar) use.nameNode();
        if (name.style().isBlock()) {
            return left(use, "written as a block scalar; rewrite it by hand");
        }
        if (name.anchor() != null) {
            for (YamlAlias alias : file.aliasesOf(name)) {
                if (!PullPolicyPlanner.imagePosition(file, alias)) {
                    return left(use, "anchored (&" + name.anchor() + ") and also used at " + file.location(alias)
                            + ", which is not an image");
                }
                if (file.parentOf(alias) instanceof YamlSequence) {
                    // a service there takes its host name from the image name, which the new name would change
                    return left(use, "anchored (&" + name.anchor() + ") and also a service at "
                            + file.location(alias) + "; rewrite it by hand");
                }
            }
        }
        String alias = null;
        if (use.kind() == ImageKind.SERVICE && (use.mapping() == null || use.mapping().get("alias") == null)) {
            // GitLab Runner names a service's host after its image (docs: services, "Accessing the services"):
            // the rewritten name would change it, so the old one is written as alias; a name with a path has
            // two derived host names (a__b, a-b) and is left
            if (written.indexOf('/') >= 0) {
                return left(use, "a service without alias: its host names come from the image name; add"
                        + " \"alias:\" and fix again");
            }
            if (name.anchor() != null) {
                return left(use, "an anchored service name (&" + name.anchor() + ") without alias; add \"alias:\""
                        + " by hand");
            }
            alias = serviceHost(written);
            if (use.mapping() != null && use.mapping().flow() && use.mapping().entries().isEmpty()) {
                return left(use, "an empty flow mapping");
            }
        }
        String to = cache.cacheReference(ref);
        return to == null ? left(use, "the cache reference would not be a valid image reference")
                : new CacheNote(use.location(), written, to, alias, null);
    }

    /**
     * The host name GitLab Runner gives a service written as a one-component name: the name without tag and
     * digest ({@code postgres:17@sha256:...} is {@code postgres}).
     */
    static String serviceHost(String written) {
        int end = written.length();
        for (char c : new char[] {':', '@'}) {
            int i = written.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return written.substring(0, end);
    }

    /**
     * Whether a reference with variables is (or may be) an image of the upstream: a job expands it to one, or its
     * registry and repository are written out ({@code golang:$GO_VERSION}) and name the upstream.
     */
    private boolean upstreamLike(ImageUse use) {
        if (expansions.getOrDefault(use.location(), List.of()).stream().anyMatch(u -> cache.fromUpstream(u.ref()))) {
            return true;
        }
        String written = use.ref().original();
        int end = written.indexOf('$');
        String head = written.substring(0, end);
        if (head.isEmpty() || head.indexOf('/') < 0 && head.indexOf(':') < 0 && head.indexOf('@') < 0) {
            return false;
        }
        // the variables as a placeholder: only the tag or digest may hold them
        ImageRef probe = ImageRef.parse(written.replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", "x"));
        return probe.valid() && cache.fromUpstream(probe);
    }

    private static CacheNote left(ImageUse use, String reason) {
        return new CacheNote(use.location(), use.ref().original(), null, null, reason);
    }
}
