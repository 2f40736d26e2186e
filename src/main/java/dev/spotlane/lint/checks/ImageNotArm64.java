package dev.spotlane.lint.checks;

import dev.spotlane.lint.Check;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.policy.InstanceClass;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.transform.JobNeeds;
import dev.spotlane.transform.JobNeeds.Need;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code image-not-arm64}: a job tagged for an ARM class pulls an image that the platforms file
 * ({@code images.platforms}, written by {@code spotlane images --platforms --write}) records without
 * {@code linux/arm64}. Offline: only the file is read.
 */
public final class ImageNotArm64 implements Check {
    @Override
    public String id() {
        return "image-not-arm64";
    }

    @Override
    public String summary() {
        return "a job tagged for an ARM class pulls an image the platforms file records without linux/arm64";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null || context.policy().platforms().images().isEmpty()) {
            return;
        }
        Map<String, JobNeeds> needs = context.jobNeeds();
        // an image written once and pulled by several jobs: one finding, every job named
        Map<Location, Need> needAt = new LinkedHashMap<>();
        Map<Location, Set<String>> jobsAt = new LinkedHashMap<>();
        Map<Location, Set<String>> classesAt = new LinkedHashMap<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            List<InstanceClass> arm = context.policy().routing().classesFor(job.tags()).stream()
                    .filter(c -> c.arch().equals("arm64")).toList();
            if (arm.isEmpty() || job.isTrigger()) {
                continue;
            }
            for (Need n : needs.get(job.name()).needs()) {
                if (n.kind() != JobNeeds.Kind.RECORDED || n.satisfiedBy(arm.get(0), false)) {
                    continue;
                }
                needAt.putIfAbsent(n.at(), n);
                jobsAt.computeIfAbsent(n.at(), k -> new TreeSet<>()).add(job.name());
                arm.forEach(c -> classesAt.computeIfAbsent(n.at(), k -> new TreeSet<>()).add(c.name()));
            }
        }
        for (Map.Entry<Location, Set<String>> e : jobsAt.entrySet()) {
            Need n = needAt.get(e.getKey());
            boolean one = e.getValue().size() == 1;
            Set<String> classes = classesAt.get(e.getKey());
            reporter.report(finding(n.what() + ", and " + Places.jobs(e.getValue()) + (one ? " is" : " are")
                    + " tagged for the ARM " + (classes.size() == 1 ? "class " : "classes ") + Places.quoted(classes)
                    + "; use an image with linux/arm64 or keep " + (one ? "the job" : "the jobs")
                    + " local (# spotlane: keep-local)", e.getKey(), null));
        }
    }
}
