package dev.spotlane.fleet;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Fleet;
import java.util.List;
import java.util.Objects;

/**
 * The least-privilege IAM policy the fleeting AWS plugin needs, scoped to the fleet's Auto Scaling groups: scale and
 * terminate in those groups only, describe (which AWS cannot scope), and push ephemeral SSH keys only to instances
 * those groups launched. {@code ec2:GetPasswordData} is left out: the workers are Linux.
 */
public final class IamPolicy {
    private IamPolicy() {
    }

    /**
     * @param fleet   the fleet
     * @param account the AWS account id, or null for the placeholder {@code ACCOUNT_ID}
     */
    public static String json(Fleet fleet, String account) {
        Objects.requireNonNull(fleet, "fleet");
        String acct = account == null ? "ACCOUNT_ID" : account;
        List<ClassRunner> runners = List.copyOf(fleet.runners().values());
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        b.append("    {\n      \"Sid\": \"ScaleTheFleetGroups\",\n      \"Effect\": \"Allow\",\n");
        b.append("      \"Action\": [\n        \"autoscaling:SetDesiredCapacity\",\n");
        b.append("        \"autoscaling:TerminateInstanceInAutoScalingGroup\"\n      ],\n");
        b.append("      \"Resource\": [\n");
        for (int i = 0; i < runners.size(); i++) {
            b.append("        \"arn:aws:autoscaling:").append(fleet.region()).append(':').append(acct)
                    .append(":autoScalingGroup:*:autoScalingGroupName/").append(runners.get(i).asg()).append('"')
                    .append(i + 1 < runners.size() ? ",\n" : "\n");
        }
        b.append("      ]\n    },\n");
        b.append("    {\n      \"Sid\": \"DescribeCannotBeScoped\",\n      \"Effect\": \"Allow\",\n");
        b.append("      \"Action\": [\n        \"autoscaling:DescribeAutoScalingGroups\",\n");
        b.append("        \"autoscaling:DescribeAutoScalingInstances\",\n        \"ec2:DescribeInstances\"\n");
        b.append("      ],\n      \"Resource\": \"*\"\n    },\n");
        b.append("    {\n      \"Sid\": \"ConnectOnlyToFleetWorkers\",\n      \"Effect\": \"Allow\",\n");
        b.append("      \"Action\": \"ec2-instance-connect:SendSSHPublicKey\",\n");
        b.append("      \"Resource\": \"arn:aws:ec2:").append(fleet.region()).append(':').append(acct)
                .append(":instance/*\",\n");
        b.append("      \"Condition\": {\n        \"StringEquals\": {\n");
        b.append("          \"ec2:ResourceTag/aws:autoscaling:groupName\": [");
        for (int i = 0; i < runners.size(); i++) {
            b.append(i > 0 ? ", " : "").append('"').append(runners.get(i).asg()).append('"');
        }
        b.append("]\n        }\n      }\n    }\n  ]\n}\n");
        return b.toString();
    }
}
