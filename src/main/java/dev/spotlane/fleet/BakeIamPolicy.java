package dev.spotlane.fleet;

import dev.spotlane.model.EcrHost;
import dev.spotlane.model.ImageRef;
import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The IAM role the AMI bake job assumes through GitLab's OIDC ({@code templates/ami-bake.yml}): its permissions for
 * Packer's {@code amazon-ebs} builder, ECR login for the bake list's private images and the rollout (a launch
 * template version and an instance refresh per class), and the trust policy that lets only one project's protected
 * default branch assume it.
 *
 * <p>Least privilege as far as EC2 allows: the build instance and its volume can only be launched carrying the tag
 * {@value #TAG_KEY}={@value #TAG_VALUE} (the template's {@code run_tags}/{@code run_volume_tags}; packer-plugin-amazon
 * tags the instance and volume in {@code RunInstances}, the temporary security group in {@code CreateSecurityGroup}
 * and the temporary key pair in {@code CreateKeyPair}, all with the run tags), tags can be written on those only by
 * the call that creates them, and stop, terminate, create-image, opening and deleting the security group act only on
 * resources carrying the tag. Only Amazon's own images may be the source. The temporary key pair is scoped by
 * Packer's name prefix. Describe calls, {@code ecr:GetAuthorizationToken} and the new
 * AMI and snapshot (which have no ARN before they exist) are where AWS forces a wider resource: those statements'
 * Sids say so. No statement grants a wildcard action.
 */
public final class BakeIamPolicy {
    /** The tag the bake's build instance and volume carry (the template's run_tags). */
    public static final String TAG_KEY = "spotlane-bake";
    public static final String TAG_VALUE = "worker";
    /** Packer's default {@code temporary_key_pair_name} is {@code packer_<uuid>}. */
    static final String KEY_PAIR_PREFIX = "packer_";

    private static final Pattern HOST = Pattern.compile(
            "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d{1,5})?"
                    + "(?:/[a-zA-Z0-9._~-]+)*");
    private static final Pattern PROJECT = Pattern.compile("[a-zA-Z0-9_.-]+(?:/[a-zA-Z0-9_.-]+)+");
    private static final Pattern REF = Pattern.compile("[^\\s*?\"\\\\]{1,255}");

    private BakeIamPolicy() {
    }

    /**
     * The GitLab side of the trust: which token may assume the role.
     *
     * @param host     the GitLab host as in the token's issuer without {@code https://} ({@code gitlab.example.com},
     *                 or with a relative URL root, {@code example.com/gitlab})
     * @param project  the project path, {@code group/project}
     * @param ref      the protected default branch, e.g. {@code main}
     * @param audience the {@code aud} the job's {@code id_tokens} ask for, e.g. {@code https://gitlab.example.com}
     */
    public record Oidc(String host, String project, String ref, String audience) {
        public Oidc {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(audience, "audience");
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("the GitLab host must be a host name such as gitlab.example.com"
                        + " (no scheme), got \"" + host + "\"");
            }
            if (!PROJECT.matcher(project).matches()) {
                throw new IllegalArgumentException("the project must be a path such as group/project, got \""
                        + project + "\"");
            }
            if (!REF.matcher(ref).matches()) {
                throw new IllegalArgumentException("the ref must be one branch name (no wildcard), got \"" + ref
                        + "\"");
            }
            if (audience.isBlank() || audience.contains("*") || audience.contains("?")) {
                throw new IllegalArgumentException("the audience must be one value (no wildcard), got \""
                        + audience + "\"");
            }
        }

        /** The {@code sub} claim of a job on that branch (GitLab docs, "ID token authentication", sub). */
        public String subject() {
            return "project_path:" + project + ":ref_type:branch:ref:" + ref;
        }
    }

    /**
     * The trust policy: GitLab's OIDC provider as federated principal, {@code sts:AssumeRoleWithWebIdentity}, and
     * both {@code aud} and {@code sub} matched exactly (one project, one branch; no wildcard).
     */
    public static String trust(Oidc oidc, String account) {
        Objects.requireNonNull(oidc, "oidc");
        String acct = account == null ? "ACCOUNT_ID" : account;
        Map<String, Object> equals = new LinkedHashMap<>();
        equals.put(oidc.host() + ":aud", oidc.audience());
        equals.put(oidc.host() + ":sub", oidc.subject());
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "GitLabBakeJobOnProtectedDefaultBranch");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Federated", "arn:aws:iam::" + acct + ":oidc-provider/" + oidc.host()));
        statement.put("Action", "sts:AssumeRoleWithWebIdentity");
        statement.put("Condition", Map.of("StringEquals", equals));
        return document(List.of(statement));
    }

    /**
     * The bake role's permissions.
     *
     * @param policy  the rules: the region and every class's Auto Scaling group
     * @param account the AWS account, or null for the placeholder {@code ACCOUNT_ID}
     * @param images  the bake list: its private ECR images get pull permissions (repository by repository)
     */
    public static String permissions(Policy policy, String account, List<ImageRef> images) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(images, "images");
        String acct = account == null ? "ACCOUNT_ID" : account;
        String region = policy.fleet().region();
        String ec2 = "arn:aws:ec2:" + region + ":" + acct + ":";
        String ec2Public = "arn:aws:ec2:" + region + "::";
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(statement("DescribeCannotBeScoped", List.of("autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeInstanceRefreshes", "ec2:DescribeImageAttribute", "ec2:DescribeImages",
                "ec2:DescribeInstanceStatus", "ec2:DescribeInstances", "ec2:DescribeKeyPairs",
                "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeLaunchTemplates", "ec2:DescribeRegions",
                "ec2:DescribeSecurityGroups", "ec2:DescribeSnapshots", "ec2:DescribeSubnets", "ec2:DescribeTags",
                "ec2:DescribeVolumes", "ec2:DescribeVpcs"), "*", null));
        all.add(statement("LaunchFromAmazonImagesOnly", "ec2:RunInstances", ec2Public + "image/*",
                condition("StringEquals", "ec2:Owner", "amazon")));
        all.add(statement("LaunchIntoTheNetwork", "ec2:RunInstances", List.of(ec2 + "key-pair/*",
                ec2 + "network-interface/*", ec2 + "security-group/*", ec2 + "subnet/*"), null));
        all.add(statement("LaunchOnlyTaggedBuildInstances", "ec2:RunInstances", List.of(ec2 + "instance/*",
                ec2 + "volume/*"), condition("StringEquals", "aws:RequestTag/" + TAG_KEY, TAG_VALUE)));
        all.add(statement("TagOnlyWhileCreating", "ec2:CreateTags", List.of(ec2 + "instance/*",
                ec2 + "key-pair/*", ec2 + "security-group/*", ec2 + "volume/*"), condition("StringEquals",
                "ec2:CreateAction", List.of("CreateKeyPair", "CreateSecurityGroup", "RunInstances"))));
        all.add(statement("ManageOnlyTheBuildInstance", List.of("ec2:CreateImage", "ec2:StopInstances",
                "ec2:TerminateInstances"), ec2 + "instance/*",
                condition("StringEquals", "aws:ResourceTag/" + TAG_KEY, TAG_VALUE)));
        all.add(statement("NewImageAndSnapshotHaveNoArnYet", List.of("ec2:CreateImage", "ec2:CreateTags"),
                List.of(ec2Public + "image/*", ec2Public + "snapshot/*"), null));
        all.add(statement("TemporaryKeyPair", List.of("ec2:CreateKeyPair", "ec2:DeleteKeyPair"),
                ec2 + "key-pair/" + KEY_PAIR_PREFIX + "*", null));
        all.add(statement("TemporarySecurityGroupInAnyVpc", "ec2:CreateSecurityGroup", ec2 + "vpc/*", null));
        all.add(statement("TemporarySecurityGroupOnlyTagged", "ec2:CreateSecurityGroup", ec2 + "security-group/*",
                condition("StringEquals", "aws:RequestTag/" + TAG_KEY, TAG_VALUE)));
        all.add(statement("OpenAndDeleteOnlyTheTemporaryGroup", List.of("ec2:AuthorizeSecurityGroupIngress",
                "ec2:DeleteSecurityGroup"), ec2 + "security-group/*",
                condition("StringEquals", "aws:ResourceTag/" + TAG_KEY, TAG_VALUE)));
        List<String> groups = new ArrayList<>();
        for (ClassRunner r : policy.fleet().runners().values()) {
            groups.add("arn:aws:autoscaling:" + region + ":" + acct + ":autoScalingGroup:*:autoScalingGroupName/"
                    + r.asg());
        }
        if (!groups.isEmpty()) {
            all.add(statement("RolloutNewLaunchTemplateVersion", List.of("ec2:CreateLaunchTemplateVersion",
                    "ec2:ModifyLaunchTemplate"), ec2 + "launch-template/*", null));
            all.add(statement("RolloutRefreshTheFleetGroups", "autoscaling:StartInstanceRefresh", groups, null));
        }
        TreeSet<String> repositories = new TreeSet<>();
        for (ImageRef ref : images) {
            if (ref.valid() && !ref.dynamic()) {
                EcrHost.parse(ref.registry()).ifPresent(h -> repositories.add(h.repositoryArn(ref.repository())));
            }
        }
        if (!repositories.isEmpty()) {
            all.add(statement("EcrLoginCannotBeScoped", "ecr:GetAuthorizationToken", "*", null));
            all.add(statement("PullTheBakeListsEcrImages", List.of("ecr:BatchCheckLayerAvailability",
                    "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"), List.copyOf(repositories), null));
        }
        return document(all);
    }

    private static Map<String, Object> condition(String operator, String key, Object value) {
        return Map.of(operator, Map.of(key, value));
    }

    private static Map<String, Object> statement(String sid, Object actions, Object resources,
                                                 Map<String, Object> condition) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        s.put("Action", actions);
        s.put("Resource", resources instanceof List<?> l && l.size() == 1 ? l.get(0) : resources);
        if (condition != null) {
            s.put("Condition", condition);
        }
        return s;
    }

    private static String document(List<Map<String, Object>> statements) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", statements);
        StringBuilder b = new StringBuilder();
        write(b, doc, "");
        return b.append('\n').toString();
    }

    /** Pretty JSON of strings, lists and maps (map order kept), two spaces a level. */
    private static void write(StringBuilder b, Object v, String indent) {
        String in = indent + "  ";
        if (v instanceof String s) {
            b.append(MirrorConfig.json(s));
        } else if (v instanceof List<?> list) {
            b.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                b.append(in);
                write(b, list.get(i), in);
                b.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            b.append(indent).append(']');
        } else {
            Map<?, ?> map = (Map<?, ?>) v;
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(in).append(MirrorConfig.json((String) e.getKey())).append(": ");
                write(b, e.getValue(), in);
                b.append(++i < map.size() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        }
    }
}
