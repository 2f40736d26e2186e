package dev.spotlane.lint.checks;

import dev.spotlane.model.Job;
import dev.spotlane.model.Location;
import dev.spotlane.model.Pipeline;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.yaml.YamlFile;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Where to report things: a job's key, the jobs that use an image written somewhere. */
final class Places {
    private Places() {
    }

    /** The job's name as written in the last file (in merge order) that defines it, else where its body is. */
    static Location job(ResolvedPipeline pipeline, String name) {
        List<YamlFile> order = pipeline.mergeOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            Optional<Job> job = Pipeline.of(order.get(i)).job(name);
            if (job.isPresent()) {
                return job.get().location();
            }
        }
        // a job whose name is built from an input ("$[[ inputs.prefix ]]-lint"): where its body was written
        return pipeline.job(name).map(j -> j.body().origin().location())
                .orElse(new Location(pipeline.main().name(), 1, 1));
    }

    /** {@code used by "a", "b"} for the jobs pulling an image written at {@code at}, or empty. */
    static String usedBy(List<ResolvedImage> images, Location at) {
        TreeSet<String> jobs = new TreeSet<>();
        images.stream().filter(i -> i.location().equals(at) && i.job() != null).forEach(i -> jobs.add(i.job()));
        return jobs(jobs);
    }

    /**
     * The jobs that pull this very image from its place: others may expand the same written text differently
     * ({@code node:$NODE}).
     */
    static String usedBy(List<ResolvedImage> images, ResolvedImage image) {
        TreeSet<String> jobs = new TreeSet<>();
        for (ResolvedImage other : images) {
            if (other.job() != null && other.location().equals(image.location())
                    && other.ref().original().equals(image.ref().original())) {
                jobs.add(other.job());
            }
        }
        return jobs(jobs);
    }

    private static String jobs(TreeSet<String> jobs) {
        return jobs.isEmpty() ? "" : " (used by \"" + String.join("\", \"", jobs) + "\")";
    }

    /** {@code job "a"} or {@code jobs "a", "b"}, for a message about every job sharing one written value. */
    static String jobs(Collection<String> names) {
        return (names.size() == 1 ? "job " : "jobs ") + quoted(names);
    }

    /** {@code "a", "b"}. */
    static String quoted(Collection<String> values) {
        return values.isEmpty() ? "" : "\"" + String.join("\", \"", values) + "\"";
    }

    /** {@code ["a", "b"]}: a list of user values, each quoted. */
    static String list(Collection<String> values) {
        return "[" + quoted(values) + "]";
    }
}
