package dev.spotlane.lint;

import dev.spotlane.lint.checks.ArmIncompatiblePlatform;
import dev.spotlane.lint.checks.CacheWithoutSharedCache;
import dev.spotlane.lint.checks.ConfigInvalid;
import dev.spotlane.lint.checks.ConfigSchema;
import dev.spotlane.lint.checks.DynamicImage;
import dev.spotlane.lint.checks.ExtendsCycle;
import dev.spotlane.lint.checks.ExtendsDepth;
import dev.spotlane.lint.checks.ExtendsUnknown;
import dev.spotlane.lint.checks.ImageNotArm64;
import dev.spotlane.lint.checks.ImageNotInAllowlist;
import dev.spotlane.lint.checks.ImageNotMirrored;
import dev.spotlane.lint.checks.ImplicitLatest;
import dev.spotlane.lint.checks.IncludeError;
import dev.spotlane.lint.checks.IncludeUnresolved;
import dev.spotlane.lint.checks.JobLeftBehind;
import dev.spotlane.lint.checks.PrivilegedRequired;
import dev.spotlane.lint.checks.PullPolicyMismatch;
import dev.spotlane.lint.checks.PullPolicyNotAllowed;
import dev.spotlane.lint.checks.ReferenceCycle;
import dev.spotlane.lint.checks.ReferenceNotFound;
import dev.spotlane.lint.checks.RoutingDrift;
import dev.spotlane.lint.checks.SpotRetry;
import dev.spotlane.lint.checks.UnpinnedServiceImage;
import dev.spotlane.lint.checks.UnsatisfiableTags;
import dev.spotlane.lint.checks.YamlSyntax;
import java.util.List;
import java.util.Optional;

/**
 * The explicit registry of checks: no classpath scanning. Every check id is in {@link dev.spotlane.model.RuleId},
 * the one list of ids every command prints ({@code RulePagesTest} checks it).
 */
public final class Checks {
    public static final List<Check> ALL = List.of(
            new YamlSyntax(),
            new ConfigSchema(),
            new ConfigInvalid(),
            new IncludeUnresolved(),
            new IncludeError(),
            new ExtendsUnknown(),
            new ExtendsCycle(),
            new ExtendsDepth(),
            new ReferenceNotFound(),
            new ReferenceCycle(),
            new RoutingDrift(),
            new PullPolicyMismatch(),
            new UnpinnedServiceImage(),
            new ImplicitLatest(),
            new DynamicImage(),
            new UnsatisfiableTags(),
            new ArmIncompatiblePlatform(),
            new ImageNotArm64(),
            new PrivilegedRequired(),
            new JobLeftBehind(),
            new PullPolicyNotAllowed(),
            new ImageNotInAllowlist(),
            new ImageNotMirrored(),
            new CacheWithoutSharedCache(),
            new SpotRetry());

    private Checks() {
    }

    public static Optional<Check> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
