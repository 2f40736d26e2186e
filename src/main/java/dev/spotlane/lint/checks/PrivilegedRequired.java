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
 * {@code privileged-required}: a job tagged for a cloud class whose runner is not privileged needs privileges
 * (a {@code docker:dind} service, a Docker daemon service, {@code DOCKER_HOST} naming one). The class's
 * {@code privileged} in the rules is what {@code spotlane runner-config} writes.
 */
public final class PrivilegedRequired implements Check {
    @Override
    public String id() {
        return "privileged-required";
    }

    @Override
    public String summary() {
        return "a job tagged for a cloud class whose runner is not privileged needs privileges (docker:dind)";
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
        Map<String, JobNeeds> needs = null;
        Map<Location, Need> needAt = new LinkedHashMap<>();
        Map<Location, Set<String>> jobsAt = new LinkedHashMap<>();
        Map<Location, Set<String>> classesAt = new LinkedHashMap<>();
        for (ResolvedJob job : context.pipeline().jobs().values()) {
            List<InstanceClass> plain = context.policy().routing().classesFor(job.tags()).stream()
                    .filter(c -> !c.privileged()).toList();
            if (plain.isEmpty() || job.isTrigger()) {
                continue;
            }
            if (needs == null) {
                needs = context.jobNeeds();
            }
            needs.get(job.name()).first(JobNeeds.Kind.PRIVILEGED).ifPresent(n -> {
                needAt.putIfAbsent(n.at(), n);
                jobsAt.computeIfAbsent(n.at(), k -> new TreeSet<>()).add(job.name());
                plain.forEach(c -> classesAt.computeIfAbsent(n.at(), k -> new TreeSet<>()).add(c.name()));
            });
        }
        for (Map.Entry<Location, Set<String>> e : jobsAt.entrySet()) {
            Need n = needAt.get(e.getKey());
            boolean one = e.getValue().size() == 1;
            Set<String> classes = classesAt.get(e.getKey());
            reporter.report(finding(n.what() + " needs a privileged runner, and " + Places.jobs(e.getValue())
                    + (one ? " is" : " are") + " tagged for " + (classes.size() == 1 ? "class " : "classes ")
                    + Places.quoted(classes) + ", whose runner is not privileged; route "
                    + (one ? "it" : "them") + " to a class with privileged: true or keep "
                    + (one ? "it" : "them") + " local (# spotlane: keep-local)", e.getKey(), null));
        }
    }
}
