package dev.spotlane.fleet;

import dev.spotlane.policy.Manager;
import dev.spotlane.policy.Policy;

/**
 * The workers' security group rule: SSH (22/tcp, the fleeting connector's protocol) from the runner manager only.
 * Outside the VPC the manager connects to the workers' public addresses ({@code use_external_addr = true}), so the
 * rule admits its public address; inside the VPC it admits the manager's security group, which matches the private
 * addresses the manager then uses. No other address needs SSH: jobs reach the workers through the manager.
 */
final class WorkerSshRule {
    static final String FILE = "worker-ssh-rule.sh";

    private WorkerSshRule() {
    }

    static String script(Policy policy) {
        Manager m = policy.fleet().manager();
        StringBuilder b = new StringBuilder("#!/bin/sh\n");
        b.append(ManagerFiles.generatedBy("#", policy));
        b.append("# The workers' security group admits SSH (22/tcp) from the runner manager only.\n");
        String permission;
        if (m.outsideVpc()) {
            String cidr = m.sourceCidr() == null ? ManagerFiles.CIDR_PLACEHOLDER : m.sourceCidr();
            b.append("# The manager runs outside the VPC (").append(m.basis()).append("): it connects to the\n")
                    .append("# workers' public addresses (use_external_addr = true), so the rule admits its public"
                            + " address ").append(cidr).append(".\n");
            permission = "IpRanges=[{CidrIp=" + cidr;
        } else {
            String sg = m.securityGroup() == null ? ManagerFiles.SG_PLACEHOLDER : m.securityGroup();
            b.append("# The manager runs inside the VPC (").append(m.basis()).append("): it connects to the\n")
                    .append("# workers' private addresses (use_external_addr = false), so the rule admits its"
                            + " security group ").append(sg).append(".\n");
            permission = "UserIdGroupPairs=[{GroupId=" + sg;
        }
        b.append("# Remove any other SSH rule of that group (0.0.0.0/0 above all).\n");
        b.append("set -eu\n");
        b.append("WORKERS_SG=\"${WORKERS_SG:?set WORKERS_SG to the workers' security group id (their launch"
                + " template's)}\"\n");
        b.append("aws ec2 authorize-security-group-ingress --region ").append(policy.fleet().region())
                .append(" --group-id \"$WORKERS_SG\" \\\n");
        b.append("  --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,").append(permission)
                .append(",Description=\"spotlane runner manager\"}]'\n");
        return b.toString();
    }
}
