package dev.spotlane.fleet;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oldest GitLab Runner each feature of the generated {@code config.toml} needs, and the check of a version
 * against them ({@code runner-config --runner-version}, {@code fleet.manager.runner_version}).
 *
 * <p>Sources, read in the GitLab Runner repository ({@code gitlab-org/gitlab-runner}, GitHub mirror
 * {@code gitlabhq/gitlab-runner}): the first tag holding each change and its CHANGELOG entry.
 */
public final class RunnerVersions {
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");

    private RunnerVersions() {
    }

    /**
     * One feature of the output and the first runner release with it.
     *
     * @param what    what the output does, for people ({@code token = "${SPOTLANE_RUNNER_TOKEN_T4G}"})
     * @param since   the first release ({@code 18.10.0})
     * @param source  where that is recorded
     */
    public record Feature(String what, String since, String source) {
    }

    /**
     * Runner tokens (and the URL) read from the environment: {@code c.Token = os.ExpandEnv(c.Token)} in
     * {@code RunnerConfig.loadConfig} ({@code common/config.go}), commit bd529b27, first in v18.10.0; CHANGELOG
     * v18.10.0 "Support environment variable expansion in runner token and URL !6068". An older runner sends the
     * literal {@code ${VAR}} as its token and GitLab refuses it.
     */
    static final String TOKEN_ENV = "18.10.0";
    /**
     * {@code gitlab-runner fleeting install} and plugin references resolved in an OCI registry ({@code plugin =
     * "aws"}): commit ed9ab26f "Add fleeting subcommand to manage fleeting plugins" (!4690), first in v16.11.0;
     * docs/fleet_scaling/fleeting.md "Introduced OCI registry distribution in GitLab Runner 16.11". Before it the
     * plugin was a binary named {@code fleeting-plugin-aws} on {@code PATH}.
     */
    static final String FLEETING_INSTALL = "16.11.0";
    /** {@code allowed_pull_policies} in {@code [runners.docker]}: commit 12c6f26f, first in v15.1.0. */
    static final String ALLOWED_PULL_POLICIES = "15.1.0";
    /** {@code AuthenticationType} in {@code [runners.cache.s3]}: commit 41649a05, first in v14.4.0. */
    static final String CACHE_AUTH_TYPE = "14.4.0";

    /** What the {@code config.toml} generated from {@code policy} needs, newest first. */
    public static List<Feature> needed(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        List<Feature> out = new ArrayList<>();
        ClassRunner first = policy.fleet().runners().values().iterator().next();
        out.add(new Feature("runner tokens read from the environment (token = \"${" + first.tokenEnv() + "}\")",
                TOKEN_ENV, "gitlab-runner !6068"));
        if (!policy.fleet().plugin().startsWith("fleeting-plugin-") && !policy.fleet().plugin().startsWith("/")) {
            out.add(new Feature("plugin = \"" + policy.fleet().plugin() + "\" installed by gitlab-runner fleeting"
                    + " install", FLEETING_INSTALL, "gitlab-runner !4690"));
        }
        out.add(new Feature("allowed_pull_policies", ALLOWED_PULL_POLICIES, "gitlab-runner 12c6f26f"));
        if (policy.fleet().cache() != null) {
            out.add(new Feature("[runners.cache.s3] AuthenticationType = \"iam\"", CACHE_AUTH_TYPE,
                    "gitlab-runner 41649a05"));
        }
        out.sort(Comparator.comparing((Feature f) -> parse(f.since()), RunnerVersions::compare).reversed());
        return out;
    }

    /** The oldest runner the output works with. */
    public static String minimum(Policy policy) {
        return needed(policy).get(0).since();
    }

    /** Whether {@code version} reads as {@code X.Y} or {@code X.Y.Z} (a leading {@code v} allowed). */
    public static boolean valid(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /**
     * Null when {@code version} runs the output, else one line naming every feature it lacks.
     *
     * @param version {@code X.Y} (any patch release of it) or {@code X.Y.Z}
     */
    public static String tooOld(Policy policy, String version) {
        if (!valid(version)) {
            throw new IllegalArgumentException("not a runner version: " + version);
        }
        int[] have = parse(version);
        List<String> missing = new ArrayList<>();
        for (Feature f : needed(policy)) {
            if (compare(have, parse(f.since())) < 0) {
                missing.add(f.what() + " came in " + f.since() + " (" + f.source() + ")");
            }
        }
        return missing.isEmpty() ? null : "GitLab Runner " + version + " is too old for this config.toml: "
                + String.join("; ", missing) + "; run " + minimum(policy) + " or newer";
    }

    private static int[] parse(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a runner version: " + version);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(3))};
    }

    /** {@code X.Y} without a patch compares as its newest patch release: 18.10 runs what 18.10.0 needs. */
    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
