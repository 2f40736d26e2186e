package dev.spotlane.fleet;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Manager;
import dev.spotlane.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the runner manager needs besides {@code config.toml}, for where it runs ({@code fleet.manager.kind} or
 * {@code runner-config --manager}): a systemd unit and its environment file (AWS keys and runner tokens as
 * placeholders), a Kubernetes Secret, ConfigMap and Deployment, or an EC2 instance profile instead of keys; and in
 * every case the workers' security group rule that admits SSH only from the manager.
 *
 * @param files  file name to text, {@code config.toml} first, in the order to read them
 * @param secret the names of the files that will hold credentials once filled in (write them mode 0600)
 * @param notes  what the user still has to fill in, one line each
 */
public record ManagerFiles(Map<String, String> files, Set<String> secret, List<String> notes) {
    /** Placeholder of a credential the user fills in. */
    public static final String REPLACE_ME = "REPLACE_ME";
    /** Placeholder of the manager's address when {@code fleet.manager.source_cidr} is not set. */
    public static final String CIDR_PLACEHOLDER = "MANAGER_CIDR";
    /** Placeholder of the manager's security group when {@code fleet.manager.security_group} is not set. */
    public static final String SG_PLACEHOLDER = "MANAGER_SG_ID";
    static final String CONFIG_DIR = "/etc/gitlab-runner";
    static final String ENV_FILE = "gitlab-runner.env";

    public ManagerFiles {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        secret = Set.copyOf(secret);
        notes = List.copyOf(notes);
    }

    /**
     * The files for {@code policy}'s manager.
     *
     * @param config the {@code config.toml} generated from the same policy
     * @throws IllegalArgumentException when the policy does not say where the manager runs
     */
    public static ManagerFiles generate(Policy policy, RunnerConfig config) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(config, "config");
        Manager m = policy.fleet().manager();
        if (!m.known()) {
            throw new IllegalArgumentException("where the manager runs is not set: give --manager"
                    + " systemd|kubernetes|ec2 or fleet.manager.kind in the rules");
        }
        Map<String, String> files = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        files.put("config.toml", config.toml());
        String secretFile;
        switch (m.kind()) {
            case KUBERNETES -> {
                files.putAll(KubernetesManager.files(policy, config.toml()));
                secretFile = KubernetesManager.SECRET_FILE;
                notes.add(KubernetesManager.SECRET_FILE + ": replace every " + REPLACE_ME
                        + " (AWS keys, runner tokens) before kubectl apply -k, and never commit it filled in");
            }
            case SYSTEMD -> {
                files.put(SystemdManager.UNIT, SystemdManager.unit(policy));
                files.put(ENV_FILE, SystemdManager.environment(policy, true));
                secretFile = ENV_FILE;
                notes.add(ENV_FILE + ": replace every " + REPLACE_ME + " (AWS keys, runner tokens); install it as "
                        + CONFIG_DIR + "/" + ENV_FILE + " mode 0600 owned by root");
            }
            default -> {
                files.put(SystemdManager.UNIT, SystemdManager.unit(policy));
                files.put(ENV_FILE, SystemdManager.environment(policy, false));
                files.putAll(Ec2InstanceProfile.files(policy));
                secretFile = ENV_FILE;
                notes.add(ENV_FILE + ": replace every " + REPLACE_ME + " (runner tokens; no AWS keys: the instance"
                        + " profile gives the manager its role)");
                notes.add(Ec2InstanceProfile.POLICY_FILE + " holds ACCOUNT_ID: write it with spotlane iam-policy"
                        + " --account ID instead");
            }
        }
        files.put(WorkerSshRule.FILE, WorkerSshRule.script(policy));
        if (m.outsideVpc() && m.sourceCidr() == null) {
            notes.add(WorkerSshRule.FILE + " admits " + CIDR_PLACEHOLDER + ": set fleet.manager.source_cidr to the"
                    + " manager's public address");
        } else if (!m.outsideVpc() && m.securityGroup() == null) {
            notes.add(WorkerSshRule.FILE + " admits " + SG_PLACEHOLDER + ": set fleet.manager.security_group to the"
                    + " manager's security group");
        }
        return new ManagerFiles(files, Set.of(secretFile), notes);
    }

    /**
     * One line for people: where the manager runs, the address it connects to and who the workers admit; null when
     * the rules and the command line do not say.
     */
    public static String summary(Policy policy) {
        Manager m = policy.fleet().manager();
        if (!m.known()) {
            return null;
        }
        String admitted = m.outsideVpc() ? (m.sourceCidr() == null ? CIDR_PLACEHOLDER : m.sourceCidr())
                : "security group " + (m.securityGroup() == null ? SG_PLACEHOLDER : m.securityGroup());
        return "manager: " + m.kind().label() + ", " + (m.outsideVpc() ? "outside" : "inside") + " the VPC ("
                + m.basis() + "): use_external_addr = " + m.useExternalAddr() + ", the workers admit SSH only from "
                + admitted;
    }

    /** The environment variables of the runner tokens, one per class. */
    static List<String> tokenEnvs(Policy policy) {
        return policy.fleet().runners().values().stream().map(ClassRunner::tokenEnv).distinct().toList();
    }

    /** The comment block naming where the file comes from. */
    static String generatedBy(String comment, Policy policy) {
        return comment + " Generated by spotlane runner-config from " + policy.source()
                + ": regenerate it rather than editing it.\n";
    }
}
