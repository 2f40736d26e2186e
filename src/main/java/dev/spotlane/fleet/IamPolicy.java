package dev.spotlane.fleet;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.Mirror;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.SharedCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The least-privilege IAM policy of the runner manager, scoped to the fleet's Auto Scaling groups: scale and
 * terminate in those groups only, describe (which AWS cannot scope), and push ephemeral SSH keys only to instances
 * those groups launched. {@code ec2:GetPasswordData} is left out: the workers are Linux. When the rules declare them,
 * also the shared S3 cache (objects of that bucket and prefix only: the manager signs the workers' URLs) and the ECR
 * pull-through cache (the runner process pulls through the credential helper; repositories under the cache prefix
 * only). No statement grants a wildcard action.
 */
public final class IamPolicy {
    private IamPolicy() {
    }

    /**
     * One statement. {@code actions} and {@code resources} are a String (written as one value) or a List (written
     * as an array); {@code condition} is null or {@code {operator, key, values}}.
     */
    record Statement(String sid, Object actions, Object resources, List<String> condition, List<String> values) {
    }

    /** The fleeting plugin's statements only. */
    public static String json(Fleet fleet, String account) {
        Objects.requireNonNull(fleet, "fleet");
        return render(fleetStatements(fleet, account == null ? "ACCOUNT_ID" : account));
    }

    /** The fleeting plugin's statements, plus the shared cache's and the ECR pull-through cache's when configured. */
    public static String json(Policy policy, String account) {
        Objects.requireNonNull(policy, "policy");
        String acct = account == null ? "ACCOUNT_ID" : account;
        List<Statement> all = new ArrayList<>(fleetStatements(policy.fleet(), acct));
        SharedCache cache = policy.fleet().cache();
        if (cache != null) {
            all.add(new Statement("SharedCacheObjects", List.of("s3:GetObject", "s3:GetObjectVersion",
                    "s3:PutObject", "s3:DeleteObject"), cache.objectsArn(), null, null));
            all.add(new Statement("SharedCacheListing", "s3:ListBucket", "arn:aws:s3:::" + cache.bucket(), null,
                    null));
        }
        if (policy.images().mirror() instanceof Mirror.EcrPullThrough ecr) {
            all.addAll(EcrPullThroughSetup.pullStatements(ecr, acct));
        }
        return render(all);
    }

    private static List<Statement> fleetStatements(Fleet fleet, String acct) {
        List<ClassRunner> runners = List.copyOf(fleet.runners().values());
        List<String> groups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ClassRunner r : runners) {
            groups.add("arn:aws:autoscaling:" + fleet.region() + ":" + acct + ":autoScalingGroup:*:autoScalingGroupName/"
                    + r.asg());
            names.add(r.asg());
        }
        return List.of(
                new Statement("ScaleTheFleetGroups", List.of("autoscaling:SetDesiredCapacity",
                        "autoscaling:TerminateInstanceInAutoScalingGroup"), groups, null, null),
                new Statement("DescribeCannotBeScoped", List.of("autoscaling:DescribeAutoScalingGroups",
                        "autoscaling:DescribeAutoScalingInstances", "ec2:DescribeInstances"), "*", null, null),
                new Statement("ConnectOnlyToFleetWorkers", "ec2-instance-connect:SendSSHPublicKey",
                        "arn:aws:ec2:" + fleet.region() + ":" + acct + ":instance/*",
                        List.of("StringEquals", "ec2:ResourceTag/aws:autoscaling:groupName"), names));
    }

    static String render(List<Statement> statements) {
        StringBuilder b = new StringBuilder("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            b.append("    {\n      \"Sid\": ").append(MirrorConfig.json(s.sid())).append(",\n");
            b.append("      \"Effect\": \"Allow\",\n");
            b.append("      \"Action\": ");
            value(b, s.actions());
            b.append(",\n      \"Resource\": ");
            value(b, s.resources());
            if (s.condition() != null) {
                b.append(",\n      \"Condition\": {\n        ").append(MirrorConfig.json(s.condition().get(0)))
                        .append(": {\n          ").append(MirrorConfig.json(s.condition().get(1))).append(": [");
                for (int v = 0; v < s.values().size(); v++) {
                    b.append(v > 0 ? ", " : "").append(MirrorConfig.json(s.values().get(v)));
                }
                b.append("]\n        }\n      }");
            }
            b.append("\n    }").append(i + 1 < statements.size() ? ",\n" : "\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v instanceof String s) {
            b.append(MirrorConfig.json(s));
            return;
        }
        List<?> list = (List<?>) v;
        b.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            b.append("        ").append(MirrorConfig.json((String) list.get(i))).append(i + 1 < list.size() ? ",\n"
                    : "\n");
        }
        b.append("      ]");
    }
}
