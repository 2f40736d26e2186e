package dev.spotlane.fleet;

import dev.spotlane.policy.Manager;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.YamlJson;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The runner manager on Kubernetes (the design's Talos cluster): a Secret with the AWS keys and runner tokens
 * (placeholders, never values), a ConfigMap with {@code config.toml}, and a Deployment of one replica. An init
 * container copies the configuration into a writable folder (the runner writes {@code .runner_system_id} next to
 * it: {@code commands/internal/configfile/configfile.go}; read-only, it warns and gets a new system id on each start)
 * and installs the fleeting plugin there with {@code gitlab-runner fleeting install} into a volume both containers
 * share ({@code FLEETING_PLUGIN_PATH}, docs/fleet_scaling/fleeting.md). The runner serves {@code /metrics} on
 * {@code listen_address} for the liveness check ({@code commands/multi.go} {@code serveMetrics}; the
 * {@code /health/ready} endpoint beside it came only in 19.2.0, newer than the 18.10.0 the files need, so no
 * readiness check: nothing routes traffic to the manager anyway), and stops gracefully on SIGQUIT so running jobs
 * finish ({@code commands/multi.go}: SIGQUIT finishes the builds, SIGTERM aborts them).
 */
final class KubernetesManager {
    static final String NAME = "spotlane-runner-manager";
    static final String SECRET_FILE = "secret.yaml";
    /** The image the GitLab Runner Helm chart runs (alpine flavour, user 100). */
    static final String IMAGE = "registry.gitlab.com/gitlab-org/gitlab-runner:alpine-v";
    private static final String CONFIG = "/etc/gitlab-runner/config.toml";

    private KubernetesManager() {
    }

    static Map<String, String> files(Policy policy, String toml) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("kustomization.yaml", kustomization(policy));
        files.put("namespace.yaml", namespace(policy));
        files.put(SECRET_FILE, secret(policy));
        files.put("configmap.yaml", configMap(policy, toml));
        files.put("deployment.yaml", deployment(policy, toml));
        files.forEach((name, text) -> read(name, text));
        if (!toml.equals(read("configmap.yaml", files.get("configmap.yaml")).path("data").path("config.toml")
                .asString())) {
            throw new IllegalStateException("generated configmap.yaml does not hold config.toml as written");
        }
        return files;
    }

    /** Re-reads a generated file with spotlane's own YAML parser: it must parse. */
    static JsonNode read(String name, String text) {
        ParseResult r = new YamlParser().parse(name, text);
        if (!r.ok() || r.file().documents().size() != 1) {
            throw new IllegalStateException("generated " + name + " does not parse: " + r.error());
        }
        return YamlJson.toJson(r.file().documents().get(0).root());
    }

    /** The image tag: the rules' runner version (X.Y becomes X.Y.0), else the oldest the output runs on. */
    static String image(Policy policy) {
        String v = policy.fleet().manager().runnerVersion();
        if (v == null) {
            v = RunnerVersions.minimum(policy);
        }
        v = v.startsWith("v") ? v.substring(1) : v;
        return IMAGE + (v.chars().filter(c -> c == '.').count() == 1 ? v + ".0" : v);
    }

    private static String header(Policy policy, String what) {
        return "# " + what + "\n" + ManagerFiles.generatedBy("#", policy);
    }

    private static String metadata(Policy policy, String name) {
        return "metadata:\n  name: " + name + "\n  namespace: " + ns(policy) + "\n  labels:\n"
                + "    app.kubernetes.io/name: " + NAME + "\n";
    }

    private static String ns(Policy policy) {
        return policy.fleet().manager().namespace();
    }

    static String kustomization(Policy policy) {
        return header(policy, "kubectl apply -k .   (the namespace first, then the rest)")
                + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                + "  - namespace.yaml\n  - " + SECRET_FILE + "\n  - configmap.yaml\n  - deployment.yaml\n";
    }

    static String namespace(Policy policy) {
        return header(policy, "The runner manager's namespace.")
                + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns(policy) + "\n";
    }

    static String secret(Policy policy) {
        Manager m = policy.fleet().manager();
        StringBuilder b = new StringBuilder(header(policy, "The runner manager's secrets: placeholders only."));
        b.append("# Replace every ").append(ManagerFiles.REPLACE_ME).append(" before applying, and never commit the"
                + " filled-in file; or leave it out of\n");
        b.append("# kustomization.yaml and create the Secret from a file of NAME=value lines instead:\n");
        b.append("#   kubectl -n ").append(ns(policy)).append(" create secret generic ").append(NAME)
                .append(" --from-env-file=manager.env\n");
        b.append("apiVersion: v1\nkind: Secret\n").append(metadata(policy, NAME)).append("type: Opaque\n");
        b.append("stringData:\n");
        b.append("  # the access key of the IAM user holding the policy of 'spotlane iam-policy' (one user per"
                + " manager)\n");
        b.append("  AWS_ACCESS_KEY_ID: ").append(MirrorConfig.yaml(ManagerFiles.REPLACE_ME)).append('\n');
        b.append("  AWS_SECRET_ACCESS_KEY: ").append(MirrorConfig.yaml(ManagerFiles.REPLACE_ME)).append('\n');
        b.append("  # runner authentication tokens (glrt-...), one per class: ci/aws/README.md, \"Register the"
                + " runners\"\n");
        for (String token : ManagerFiles.tokenEnvs(policy)) {
            // quoted: a token_env such as "true" or "NO" stays a string key
            b.append("  ").append(MirrorConfig.yaml(token)).append(": ").append(MirrorConfig.yaml(ManagerFiles.REPLACE_ME))
                    .append('\n');
        }
        if (!m.outsideVpc()) {
            b.append("  # inside the VPC (EKS): an IAM role for the service account can replace the keys later\n");
        }
        return b.toString();
    }

    static String configMap(Policy policy, String toml) {
        StringBuilder b = new StringBuilder(header(policy, "The runner manager's config.toml (mounted read-only;"
                + " the init container copies it)."));
        b.append("apiVersion: v1\nkind: ConfigMap\n").append(metadata(policy, NAME + "-config"));
        b.append("data:\n  config.toml: |\n");
        for (String line : toml.split("\n", -1)) {
            if (!line.isEmpty()) {
                b.append("    ").append(line);
            }
            b.append('\n');
        }
        // toml ends with one newline: the split's last piece is empty and was written as the block's end
        b.setLength(b.length() - 1);
        return b.toString();
    }

    static String deployment(Policy policy, String toml) {
        String image = image(policy);
        String q = "\"";
        StringBuilder b = new StringBuilder(header(policy, "The runner manager: one replica, the fleeting plugin"
                + " installed by an init container."));
        b.append("# Needs GitLab Runner ").append(RunnerVersions.minimum(policy)).append(" or newer; the image is ")
                .append(image).append(".\n");
        b.append("apiVersion: apps/v1\nkind: Deployment\n").append(metadata(policy, NAME));
        b.append("spec:\n");
        b.append("  replicas: 1  # one manager per Auto Scaling group, never two\n");
        b.append("  strategy:\n    type: Recreate  # the old manager stops (its jobs finish) before the new one"
                + " starts\n");
        b.append("  selector:\n    matchLabels:\n      app.kubernetes.io/name: ").append(NAME).append('\n');
        b.append("  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ").append(NAME)
                .append('\n');
        b.append("      annotations:\n        spotlane.dev/config-sha256: ").append(q).append(sha256(toml))
                .append(q).append("  # a new config.toml rolls the pod\n");
        b.append("    spec:\n");
        b.append("      terminationGracePeriodSeconds: 3600  # running jobs finish after SIGQUIT\n");
        b.append("      securityContext:\n        runAsNonRoot: true\n        runAsUser: 100\n        fsGroup: 65533\n"
                + "        seccompProfile:\n          type: RuntimeDefault\n");
        b.append("      initContainers:\n");
        b.append("        - name: fleeting-install\n          image: ").append(image).append('\n');
        b.append("          command:\n            - /bin/sh\n            - -c\n            - ")
                .append(MirrorConfig.yaml("cp /config-template/config.toml " + CONFIG
                        + " && exec gitlab-runner fleeting --config " + CONFIG + " install")).append('\n');
        env(b);
        resources(b);
        securityContext(b);
        b.append("          volumeMounts:\n");
        mount(b, "config-template", "/config-template", true);
        mount(b, "config", "/etc/gitlab-runner", false);
        mount(b, "plugins", "/fleeting", false);
        mount(b, "home", "/home/gitlab-runner", false);
        b.append("      containers:\n");
        b.append("        - name: runner\n          image: ").append(image).append('\n');
        b.append("          command:\n            - gitlab-runner\n            - run\n            - --config\n"
                + "            - ").append(CONFIG).append("\n            - --working-directory\n"
                + "            - /home/gitlab-runner\n");
        b.append("          envFrom:\n            - secretRef:\n                name: ").append(NAME).append('\n');
        env(b);
        b.append("          ports:\n            - name: metrics\n              containerPort: ")
                .append(RunnerConfig.METRICS_PORT).append('\n');
        b.append("          livenessProbe:  # the metrics server answers while the runner process is alive\n");
        b.append("            httpGet:\n              path: /metrics\n              port: metrics\n");
        b.append("            initialDelaySeconds: 30\n            periodSeconds: 30\n            timeoutSeconds: 5\n"
                + "            failureThreshold: 3\n");
        b.append("          lifecycle:\n            preStop:  # graceful stop: running jobs finish, no new ones are"
                + " taken\n              exec:\n                command:\n                  - /bin/sh\n"
                + "                  - -c\n                  - ")
                .append(MirrorConfig.yaml("kill -QUIT 1; while kill -0 1 2>/dev/null; do sleep 1; done"))
                .append('\n');
        resources(b);
        securityContext(b);
        b.append("          volumeMounts:\n");
        mount(b, "config", "/etc/gitlab-runner", false);
        mount(b, "plugins", "/fleeting", true);
        mount(b, "home", "/home/gitlab-runner", false);
        b.append("      volumes:\n");
        b.append("        - name: config-template\n          configMap:\n            name: ").append(NAME)
                .append("-config\n");
        for (String v : new String[] {"config", "plugins", "home"}) {
            b.append("        - name: ").append(v).append("\n          emptyDir: {}\n");
        }
        return b.toString();
    }

    private static void env(StringBuilder b) {
        b.append("          env:\n");
        b.append("            - name: FLEETING_PLUGIN_PATH\n              value: /fleeting/plugins\n");
        b.append("            - name: HOME\n              value: /home/gitlab-runner\n");
    }

    private static void resources(StringBuilder b) {
        b.append("          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n"
                + "            limits:\n              cpu: \"1\"\n              memory: 512Mi\n");
    }

    private static void securityContext(StringBuilder b) {
        b.append("          securityContext:\n            allowPrivilegeEscalation: false\n"
                + "            capabilities:\n              drop:\n                - ALL\n");
    }

    private static void mount(StringBuilder b, String name, String path, boolean readOnly) {
        b.append("            - name: ").append(name).append("\n              mountPath: ").append(path).append('\n');
        if (readOnly) {
            b.append("              readOnly: true\n");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
