package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.policy.Mirror;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.transform.CacheNote;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code image-not-mirrored}: a Docker Hub image a job on the cloud fleet pulls that neither the AMI bake (the
 * allowlist) nor a pull-through cache covers, so a cold worker pulls it from Docker Hub (rate limits, outages). A
 * registry mirror covers every {@code docker.io} image (the daemon sends only those to its mirrors); an ECR
 * pull-through cache only references that name its cache prefix, which {@code fix} writes with
 * {@code images.mirror.rewrite: true}.
 */
public final class ImageNotMirrored implements Check {
    @Override
    public String id() {
        return "image-not-mirrored";
    }

    @Override
    public String summary() {
        return "a Docker Hub image of a cloud job that neither the AMI bake nor a pull-through cache covers";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        Mirror mirror = context.policy().images().mirror();
        Map<String, String> cloud = CloudJobs.of(context);
        Map<Location, CacheNote> notes = new HashMap<>();
        if (context.fix() != null) {
            context.fix().cache().forEach(n -> notes.put(n.location(), n));
        }
        Set<String> seen = new HashSet<>();
        for (ResolvedImage i : context.images()) {
            if (i.job() == null || !cloud.containsKey(i.job()) || !Mirror.dockerHubImage(i.ref())
                    || mirror != null && mirror.covers(i.ref()) || baked(context, mirror, i)
                    || !seen.add(i.location() + "\u0000" + i.ref().normalized())) {
                continue;
            }
            reporter.report(finding("docker hub " + i.kind().label() + " \"" + i.ref().normalized()
                    + "\" is neither baked into the AMI nor pulled through a cache" + Places.usedBy(context.images(), i)
                    + ": a cold worker pulls it from Docker Hub; " + hint(mirror, notes.get(i.location())),
                    i.location(), null));
        }
    }

    private static boolean baked(LintContext context, Mirror mirror, ResolvedImage i) {
        return context.allowlist() != null && (context.allowlist().allows(i.ref())
                || context.allowlist().allows(Mirror.hubForm(i.ref())));
    }

    private static String hint(Mirror mirror, CacheNote note) {
        if (mirror instanceof Mirror.EcrPullThrough ecr) {
            if (note != null && note.rewritten()) {
                return "spotlane fix points it at the pull-through cache (\"" + note.to() + "\")";
            }
            if (note != null) {
                return "it is not pointed at the pull-through cache: " + note.reason();
            }
            return ecr.rewrite() ? "name it by the cache prefix \"" + ecr.registryHost() + "/" + ecr.prefix()
                    + "/\" or add it to the AMI allowlist"
                    : "set images.mirror.rewrite: true so spotlane fix names the cache, or add it to the AMI allowlist";
        }
        if (mirror instanceof Mirror.RegistryMirror) {
            return "write it as a docker.io reference (the daemon mirrors only those) or add it to the AMI allowlist";
        }
        return "declare images.mirror in the rules (spotlane mirror-config) or add it to the AMI allowlist";
    }
}
