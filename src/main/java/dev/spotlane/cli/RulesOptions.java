package dev.spotlane.cli;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --rules FILE} (a picocli mixin): the rules file a command uses is the one given, else the repository
 * root's {@code .spotlane.yml} (the root is the nearest folder holding {@code .git}, as {@code lint} finds it), else
 * the bundled rules; with {@code --gitlab-url} and {@code --token-env} for central rules a rules file extends.
 */
final class RulesOptions {
    @Option(names = "--rules", paramLabel = "FILE",
            description = "The rules file (default: the repository root's .spotlane.yml, else the bundled rules).")
    Path rules;

    @Option(names = "--rules-project", paramLabel = "PATH",
            description = "Central rules for a repository without a rules file of its own: the GitLab project"
                    + " holding them (docs/rules-extends.md).")
    String rulesProject;

    @Option(names = "--rules-file", paramLabel = "FILE", defaultValue = "spotlane.yml",
            description = "The rules file in --rules-project (default: ${DEFAULT-VALUE}).")
    String rulesFile;

    @Option(names = "--rules-ref", paramLabel = "REF",
            description = "The branch, tag or commit of --rules-project (default: its default branch).")
    String rulesRef;

    /** {@code --gitlab-url} and {@code --token-env}: where central rules are read outside CI (issue 16). */
    @Mixin
    GitLabOptions gitlab = new GitLabOptions();

    /** The rules for a repository root. */
    Policy load(Path repoRoot) {
        return RulesFiles.load(rules, central(), repoRoot, gitlab, System::getenv, System.err);
    }

    /** The merged rules and where each value came from, for {@code spotlane rules --effective}. */
    RulesFiles.Effective effective(Path repoRoot) {
        return RulesFiles.effective(rules, central(), repoRoot, gitlab, System::getenv, System.err);
    }

    /** The central rules --rules-project names, or null. */
    RulesFiles.Central central() {
        return rulesProject == null || rulesProject.isBlank() ? null
                : new RulesFiles.Central(rulesProject.strip(), rulesFile.strip(), rulesRef == null ? null
                : rulesRef.strip());
    }

    /** The rules for the repository holding the current directory. */
    Policy loadHere() {
        return load(currentRoot());
    }

    /** The nearest folder from the current directory up that holds {@code .git}, else the current directory. */
    static Path currentRoot() {
        Path here = Path.of("").toAbsolutePath().normalize();
        for (Path d = here; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return here;
    }

    /** {@code rules: FILE}, and the fleet defaults in use when the file has no {@code fleet:} section. */
    static String describe(Policy policy) {
        StringBuilder b = new StringBuilder("spotlane: rules: " + policy.source());
        if (!policy.fleetWritten()) {
            Fleet f = policy.fleet();
            b.append("\nspotlane: no fleet: section in ").append(policy.source()).append(": using the defaults region ")
                    .append(f.region()).append(", gitlab_url ").append(f.gitlabUrl()).append(", plugin ")
                    .append(f.plugin()).append(", runners ")
                    .append(f.runners().values().stream().map(RulesOptions::runner).collect(Collectors.joining("; ")))
                    .append(", policies ")
                    .append(f.policies().stream().map(p -> "idle_count " + p.idleCount() + " idle_time "
                            + p.idleTime()).collect(Collectors.joining("; ")));
        }
        return b.toString();
    }

    private static String runner(ClassRunner r) {
        return r.className() + " (asg " + r.asg() + (r.instanceType() == null ? "" : ", " + r.instanceType())
                + ", max_instances " + r.maxInstances() + ", capacity_per_instance " + r.capacityPerInstance() + ")";
    }
}
