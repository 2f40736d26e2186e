package dev.spotlane.fleet;

import dev.spotlane.policy.Policy;

/**
 * A runner manager on EC2 takes AWS credentials from an instance profile, never from keys: a role that
 * {@code ec2.amazonaws.com} may assume, holding the manager's least-privilege policy ({@link IamPolicy}), in an
 * instance profile attached to the manager's instance. The runner (S3 cache URLs) and the fleeting plugin (Auto
 * Scaling, EC2 Instance Connect) find its credentials through the AWS SDK's default chain (instance metadata).
 */
final class Ec2InstanceProfile {
    static final String ROLE = "spotlane-runner-manager";
    static final String TRUST_FILE = "trust-policy.json";
    static final String POLICY_FILE = "manager-policy.json";
    static final String SCRIPT = "instance-profile.sh";

    private Ec2InstanceProfile() {
    }

    static java.util.Map<String, String> files(Policy policy) {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put(TRUST_FILE, trustPolicy());
        files.put(POLICY_FILE, IamPolicy.json(policy, null));
        files.put(SCRIPT, script(policy));
        return files;
    }

    /** Only EC2 may assume the role: no user, no other service, no other account. */
    static String trustPolicy() {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "OnlyEc2AssumesTheManagerRole",
                      "Effect": "Allow",
                      "Principal": {
                        "Service": "ec2.amazonaws.com"
                      },
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }
                """;
    }

    static String script(Policy policy) {
        String region = policy.fleet().region();
        return "#!/bin/sh\n" + ManagerFiles.generatedBy("#", policy)
                + "# The runner manager's instance profile: the role " + ROLE + " that only EC2 may assume\n"
                + "# (" + TRUST_FILE + "), holding the manager's least-privilege policy (" + POLICY_FILE
                + ", as spotlane iam-policy\n"
                + "# prints it; replace ACCOUNT_ID or write it with spotlane iam-policy --account ID). No access keys:"
                + " the runner\n"
                + "# and the fleeting plugin take the role's credentials from the instance metadata service.\n"
                + "set -eu\n"
                + "INSTANCE_ID=\"${INSTANCE_ID:?set INSTANCE_ID to the manager's instance id}\"\n"
                + "aws iam create-role --role-name " + ROLE + " --assume-role-policy-document file://" + TRUST_FILE
                + "\n"
                + "aws iam put-role-policy --role-name " + ROLE + " --policy-name " + ROLE
                + " --policy-document file://" + POLICY_FILE + "\n"
                + "aws iam create-instance-profile --instance-profile-name " + ROLE + "\n"
                + "aws iam add-role-to-instance-profile --instance-profile-name " + ROLE + " --role-name " + ROLE
                + "\n"
                + "aws ec2 associate-iam-instance-profile --region " + region + " --instance-id \"$INSTANCE_ID\""
                + " --iam-instance-profile Name=" + ROLE + "\n";
    }
}
