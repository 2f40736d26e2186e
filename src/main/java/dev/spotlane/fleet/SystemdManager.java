package dev.spotlane.fleet;

import dev.spotlane.policy.Manager;
import dev.spotlane.policy.Policy;

/**
 * The runner manager as a systemd service (a home-lab host, an Oracle free-tier VM, or an EC2 instance): the unit
 * and its environment file. The docker-autoscaler manager needs no Docker daemon of its own: it runs the fleeting
 * plugin as a child process (over a Unix socket), reaches the AWS APIs and the workers' SSH over the network, and
 * writes only its {@code .runner_system_id} next to {@code config.toml} and the plugins under its state folder; the
 * hardening keeps to that.
 */
final class SystemdManager {
    static final String UNIT = "spotlane-runner-manager.service";
    static final String STATE_DIR = "/var/lib/gitlab-runner";
    static final String PLUGIN_DIR = STATE_DIR + "/fleeting/plugins";

    private SystemdManager() {
    }

    static String unit(Policy policy) {
        Manager m = policy.fleet().manager();
        String config = ManagerFiles.CONFIG_DIR + "/config.toml";
        String env = ManagerFiles.CONFIG_DIR + "/" + ManagerFiles.ENV_FILE;
        StringBuilder b = new StringBuilder();
        b.append("# /etc/systemd/system/").append(UNIT).append(": the GitLab Runner manager of the spotlane cloud\n");
        b.append(ManagerFiles.generatedBy("# fleet (docker-autoscaler).", policy));
        b.append("# Needs GitLab Runner ").append(RunnerVersions.minimum(policy))
                .append(" or newer (/usr/bin/gitlab-runner; see config.toml). Layout:\n");
        b.append("#   ").append(ManagerFiles.CONFIG_DIR).append("/                 0700 gitlab-runner  (the runner"
                + " writes .runner_system_id here)\n");
        b.append("#   ").append(config).append("      0600 gitlab-runner  spotlane runner-config\n");
        b.append("#   ").append(env).append("  0600 root          ").append(m.kind() == Manager.Kind.EC2
                ? "runner tokens (systemd reads it as root)\n" : "AWS keys, runner tokens (systemd reads it as"
                + " root)\n");
        b.append("#   ").append(STATE_DIR).append("/             the service's state: home, fleeting plugins\n");
        b.append("# Install (as root):\n");
        b.append("#   useradd --system --home-dir ").append(STATE_DIR)
                .append(" --shell /usr/sbin/nologin gitlab-runner\n");
        b.append("#   install -d -m 0700 -o gitlab-runner -g gitlab-runner ").append(ManagerFiles.CONFIG_DIR)
                .append('\n');
        b.append("#   install -m 0600 -o gitlab-runner -g gitlab-runner config.toml ").append(config).append('\n');
        b.append("#   install -m 0600 -o root -g root ").append(ManagerFiles.ENV_FILE).append(' ').append(env)
                .append("   # then fill it in\n");
        b.append("#   install -m 0644 ").append(UNIT).append(" /etc/systemd/system/\n");
        b.append("#   systemctl disable --now gitlab-runner   # the package's own unit: never two managers on one"
                + " config\n");
        b.append("#   systemctl daemon-reload && systemctl enable --now ").append(UNIT.replace(".service", ""))
                .append('\n');
        b.append("[Unit]\n");
        b.append("Description=GitLab Runner manager of the spotlane cloud fleet (docker-autoscaler)\n");
        b.append("Documentation=https://docs.gitlab.com/runner/executors/docker_autoscaler/\n");
        b.append("Wants=network-online.target\nAfter=network-online.target\n\n");
        b.append("[Service]\n");
        b.append("User=gitlab-runner\nGroup=gitlab-runner\n");
        b.append("EnvironmentFile=").append(env).append('\n');
        b.append("Environment=HOME=").append(STATE_DIR).append('\n');
        b.append("Environment=FLEETING_PLUGIN_PATH=").append(PLUGIN_DIR).append('\n');
        b.append("StateDirectory=gitlab-runner\nStateDirectoryMode=0700\n");
        b.append("WorkingDirectory=").append(STATE_DIR).append('\n');
        b.append("# installs the fleeting plugin of config.toml once (skipped when it is there)\n");
        b.append("ExecStartPre=/usr/bin/gitlab-runner fleeting --config ").append(config).append(" install\n");
        b.append("ExecStart=/usr/bin/gitlab-runner run --config ").append(config).append(" --working-directory ")
                .append(STATE_DIR).append('\n');
        b.append("ExecReload=/bin/kill -HUP $MAINPID\n");
        b.append("# SIGQUIT stops gracefully: running jobs finish first (SIGTERM would abort them)\n");
        b.append("KillSignal=SIGQUIT\nTimeoutStopSec=3600\n");
        b.append("Restart=always\nRestartSec=10\n");
        b.append("# hardening: no privileges, a read-only system but for the config folder and the state folder\n");
        b.append("NoNewPrivileges=yes\nCapabilityBoundingSet=\nAmbientCapabilities=\n");
        b.append("ProtectSystem=strict\nReadWritePaths=").append(ManagerFiles.CONFIG_DIR).append('\n');
        b.append("ProtectHome=yes\nPrivateTmp=yes\nPrivateDevices=yes\n");
        b.append("ProtectKernelTunables=yes\nProtectKernelModules=yes\nProtectKernelLogs=yes\n");
        b.append("ProtectControlGroups=yes\nProtectClock=yes\nProtectHostname=yes\n");
        b.append("RestrictNamespaces=yes\nRestrictRealtime=yes\nRestrictSUIDSGID=yes\nLockPersonality=yes\n");
        b.append("# the plugin talks to the runner over a Unix socket; AWS and the workers over IPv4/IPv6\n");
        b.append("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK\n");
        b.append("SystemCallArchitectures=native\nUMask=0077\n");
        b.append("\n[Install]\nWantedBy=multi-user.target\n");
        return b.toString();
    }

    /**
     * The environment file: placeholders only. The runner expands {@code ${VAR}} in each runner's token, the AWS SDK
     * reads {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (unless an instance profile serves it).
     */
    static String environment(Policy policy, boolean awsKeys) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(ManagerFiles.CONFIG_DIR).append('/').append(ManagerFiles.ENV_FILE)
                .append(": the runner manager's secrets (systemd EnvironmentFile).\n");
        b.append(ManagerFiles.generatedBy("#", policy));
        b.append("# Mode 0600, owner root: systemd reads it before it starts the service as gitlab-runner.\n");
        b.append("# Replace every ").append(ManagerFiles.REPLACE_ME).append("; never commit the filled-in file.\n");
        if (awsKeys) {
            b.append("# The access key of the IAM user that holds the policy of 'spotlane iam-policy' (one user per"
                    + " manager).\n");
            b.append("AWS_ACCESS_KEY_ID=").append(ManagerFiles.REPLACE_ME).append('\n');
            b.append("AWS_SECRET_ACCESS_KEY=").append(ManagerFiles.REPLACE_ME).append('\n');
        } else {
            b.append("# No AWS keys: the instance profile (instance-profile.sh) gives the manager its role.\n");
        }
        b.append("# Runner authentication tokens (glrt-...), one per class: ci/aws/README.md, \"Register the"
                + " runners\".\n");
        for (String token : ManagerFiles.tokenEnvs(policy)) {
            b.append(token).append('=').append(ManagerFiles.REPLACE_ME).append('\n');
        }
        return b.toString();
    }
}
