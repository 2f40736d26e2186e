package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.policy.InstanceClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code arm-incompatible-platform}: {@code docker: platform:} other than {@code linux/arm64} on an image of a job
 * routed to the ARM cloud fleet: it runs under emulation, slowly, or not at all.
 */
public final class ArmIncompatiblePlatform implements Check {
    @Override
    public String id() {
        return "arm-incompatible-platform";
    }

    @Override
    public String summary() {
        return "docker: platform: other than linux/arm64 on a job routed to the ARM cloud fleet";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        // a platform written once (in a hidden parent) and shared by several jobs: one finding, every job named
        Map<Location, String> platformAt = new LinkedHashMap<>();
        Map<Location, Set<String>> jobsAt = new LinkedHashMap<>();
        Map<Location, Set<String>> classesAt = new LinkedHashMap<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            // the classes whose runners may take the job as it is tagged (spotlane fix never tags a job for a class
            // its platform does not fit)
            List<InstanceClass> classes = context.policy().routing().classesFor(job.tags());
            if (classes.isEmpty() || job.isTrigger()) {
                continue;
            }
            for (RMap image : JobImages.longForms(job)) {
                if (image.get("docker") instanceof RMap docker && docker.get("platform") instanceof RScalar p
                        && p.value() != null && !p.value().contains("$")) {
                    String platform = p.value().trim();
                    List<InstanceClass> unfit = classes.stream().filter(c -> c.arch().equals("arm64")
                            && !platform.equals("linux/" + c.arch())
                            && !platform.startsWith("linux/" + c.arch() + "/")).toList();
                    if (unfit.isEmpty()) {
                        continue;
                    }
                    Location at = p.origin().location();
                    platformAt.putIfAbsent(at, p.value());
                    jobsAt.computeIfAbsent(at, k -> new TreeSet<>()).add(job.name());
                    unfit.forEach(c -> classesAt.computeIfAbsent(at, k -> new TreeSet<>()).add(c.name()));
                }
            }
        }
        for (Map.Entry<Location, Set<String>> e : jobsAt.entrySet()) {
            boolean one = e.getValue().size() == 1;
            Set<String> classes = classesAt.get(e.getKey());
            reporter.report(finding("platform \"" + platformAt.get(e.getKey()) + "\" on " + Places.jobs(e.getValue())
                    + (one ? ", which runs" : ", which run") + " on the ARM "
                    + (classes.size() == 1 ? "class " : "classes ") + Places.quoted(classes)
                    + "; use \"linux/arm64\" or keep " + (one ? "the job" : "the jobs")
                    + " local (# spotlane: keep-local)", e.getKey(), null));
        }
    }
}
