package dev.spotlane.cli;

import dev.spotlane.fleet.BakeIamPolicy;
import dev.spotlane.images.Allowlist;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.lint.Lint;
import dev.spotlane.model.ImageRef;
import dev.spotlane.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code iam-policy --bake}: the AMI bake job's role (permissions, or with --trust its trust policy). */
final class BakeIamOptions {
    /** Where CI_SERVER_HOST and the like are read from; tests replace it. */
    static Function<String, String> environment = System::getenv;

    @Option(names = "--bake", description = "The AMI bake job's role instead of the manager's: Packer amazon-ebs, ECR"
            + " login for the bake list's private ECR images, and the rollout (launch template version, instance"
            + " refresh of each class's group).")
    boolean bake;

    @Option(names = "--trust", description = "With --bake: print the role's trust policy for GitLab's OIDC provider"
            + " (one project, one protected branch) instead of its permissions.")
    boolean trust;

    @Option(names = "--gitlab-host", paramLabel = "HOST", description = "With --trust: the GitLab host of the OIDC"
            + " provider (default: $CI_SERVER_HOST).")
    String gitlabHost;

    @Option(names = "--project", paramLabel = "PATH", description = "With --trust: the project that runs the bake"
            + " (default: $CI_PROJECT_PATH).")
    String project;

    @Option(names = "--ref", paramLabel = "BRANCH", description = "With --trust: the protected branch whose"
            + " pipelines may assume the role (default: $CI_DEFAULT_BRANCH, else main).")
    String ref;

    @Option(names = "--audience", paramLabel = "AUD", description = "With --trust: the aud of the job's id_tokens"
            + " (default: https://HOST, as templates/ami-bake.yml asks for).")
    String audience;

    /** Refuses the trust options without --bake. */
    void check() {
        if (!bake && (trust || gitlabHost != null || project != null || ref != null || audience != null)) {
            throw new UserError("spotlane: --trust, --gitlab-host, --project, --ref and --audience go with --bake");
        }
    }

    /** Prints the bake role's permissions or trust policy for the rules read from {@code root}. */
    void print(Policy policy, Path root, String account, PrintWriter out) {
        if (!trust) {
            out.print(BakeIamPolicy.permissions(policy, account, bakeImages(policy, root)));
            return;
        }
        String host = or(gitlabHost, "CI_SERVER_HOST", "--gitlab-host");
        String path = or(project, "CI_PROJECT_PATH", "--project");
        String branch = ref != null ? ref : environment.apply("CI_DEFAULT_BRANCH");
        try {
            out.print(BakeIamPolicy.trust(new BakeIamPolicy.Oidc(host, path, branch == null || branch.isBlank()
                    ? "main" : branch, audience != null ? audience : "https://" + host), account));
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: " + e.getMessage());
        }
    }

    private static String or(String given, String variable, String option) {
        String v = given != null ? given : environment.apply(variable);
        if (v == null || v.isBlank()) {
            throw new UserError("spotlane: " + option + " is required outside GitLab CI (" + variable
                    + " is not set)");
        }
        return v.strip();
    }

    /** The bake list: the allowlist files the rules name (ci/ami/images.txt), entries that name one image. */
    private static List<ImageRef> bakeImages(Policy policy, Path root) {
        try {
            Allowlist list = Lint.allowlist(policy, root);
            List<ImageRef> out = new ArrayList<>();
            if (list != null) {
                list.entries().stream().filter(e -> e.ref() != null).forEach(e -> out.add(e.ref()));
            }
            return out;
        } catch (IOException | AllowlistException e) {
            throw new UserError("spotlane: cannot read the bake list: " + e.getMessage());
        }
    }

    boolean bake() {
        return bake;
    }
}
