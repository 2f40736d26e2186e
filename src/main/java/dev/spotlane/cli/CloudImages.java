package dev.spotlane.cli;

import dev.spotlane.images.BakeSelection;
import dev.spotlane.policy.InstanceClass;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.ResolvedImage;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.transform.Decision;
import dev.spotlane.transform.Router;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The images of the jobs routing sends to the cloud fleet, as the AMI bake takes them. */
final class CloudImages {
    private CloudImages() {
    }

    static List<ResolvedImage> of(ResolvedPipeline pipeline, Policy policy, List<ResolvedImage> images) {
        Set<String> cloud = new HashSet<>();
        for (Decision d : Router.decide(pipeline, policy)) {
            if (!policy.routing().classesFor(d.to()).isEmpty()) {
                cloud.add(d.job());
            }
        }
        return BakeSelection.discovered(images, cloud, policy.platforms(), archs(policy));
    }

    static Set<String> archs(Policy policy) {
        Set<String> out = new LinkedHashSet<>();
        policy.routing().classes().values().stream().map(InstanceClass::arch).forEach(out::add);
        return out;
    }
}
