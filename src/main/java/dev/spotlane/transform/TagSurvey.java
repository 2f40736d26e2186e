package dev.spotlane.transform;

import dev.spotlane.model.ImageKind;
import dev.spotlane.policy.init.TagUse;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code spotlane init} needs to know of a resolved pipeline: the distinct tag sets its jobs carry (after
 * {@code extends}, {@code default:} and {@code !reference}; trigger jobs and tags holding variables left out) and
 * how many service images are not pinned by digest.
 *
 * @param uses             distinct tag sets, in the order first met
 * @param unpinnedServices distinct unpinned service images
 */
public record TagSurvey(List<TagUse> uses, int unpinnedServices) {
    public TagSurvey {
        uses = List.copyOf(uses);
    }

    /** Surveys a resolved pipeline. */
    public static TagSurvey of(ResolvedPipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        Map<Set<String>, List<String>> tags = new LinkedHashMap<>();
        Map<Set<String>, Set<String>> jobs = new LinkedHashMap<>();
        for (ResolvedJob job : pipeline.jobs().values()) {
            List<String> t = job.tags();
            if (job.isTrigger() || t.isEmpty() || !(job.get("tags") instanceof RNode.RList)
                    || t.stream().anyMatch(x -> x == null || x.isBlank() || x.contains("$"))) {
                continue;
            }
            Set<String> key = new LinkedHashSet<>(t);
            tags.putIfAbsent(key, List.copyOf(key));
            jobs.computeIfAbsent(key, k -> new TreeSet<>()).add(job.name());
        }
        List<TagUse> uses = new ArrayList<>();
        tags.forEach((k, v) -> uses.add(new TagUse(v, List.copyOf(jobs.get(k)))));
        Set<String> unpinned = new HashSet<>();
        for (ResolvedImage i : ImageResolution.of(pipeline, Map.of())) {
            if (i.kind() == ImageKind.SERVICE && i.ref().valid() && !i.ref().pinned()) {
                unpinned.add(i.ref().original());
            }
        }
        return new TagSurvey(uses, unpinned.size());
    }
}
