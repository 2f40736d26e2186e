package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Job rules GitLab checks on the merged configuration (after includes, {@code extends}, {@code !reference} and
 * {@code default:}), each an error GitLab rejects the pipeline for:
 * <ul>
 *   <li>{@code stage:} not among the stages ({@code .pre}, the declared ones or {@code build, test, deploy},
 *       {@code .post}; a job without {@code stage} is in {@code test}) — {@code Ci::YamlProcessor#validate_job_stage!},
 *       {@code Entry::Stages.default};</li>
 *   <li>an image or service name that is not a Docker reference ({@code python 3.7}) — the reference grammar of
 *       {@code distribution/reference} ({@code regexp.go}) that Docker and the Runner parse names with;</li>
 *   <li>{@code environment: action: stop} without a {@code name} — {@code Entry::Environment} ({@code name} is
 *       required);</li>
 *   <li>{@code retry:when} values that are no failure reason — {@code Entry::Retry} ({@code Ci::Build.failure_reasons}
 *       plus {@code always});</li>
 *   <li>{@code run:} step names outside {@code ^[a-zA-Z_][a-zA-Z0-9_]*$} —
 *       {@code app/validators/json_schemas/run_steps.json}.</li>
 * </ul>
 * Values still holding {@code $} (a variable or an input known only when the pipeline runs) are not judged.
 */
final class JobRules {
    /** {@code EdgeStagesInjector}: the stages without a {@code stages:} keyword. */
    static final List<String> DEFAULT_STAGES = List.of("build", "test", "deploy");

    /**
     * {@code always} and every key of {@code Enums::Ci::CommitStatus.failure_reasons} seen in GitLab's history (the
     * set grows; 19.1 added the three {@code runner_*} reasons), so a reason some GitLab version accepts passes.
     */
    static final Set<String> RETRY_WHEN = Set.of("always", "unknown_failure", "script_failure", "api_failure",
            "stuck_or_timeout_failure", "runner_system_failure", "missing_dependency_failure", "runner_unsupported",
            "stale_schedule", "job_execution_timeout", "archived_failure", "unmet_prerequisites", "scheduler_failure",
            "data_integrity_failure", "forward_deployment_failure", "user_blocked", "project_deleted",
            "ci_quota_exceeded", "pipeline_loop_detected", "no_matching_runner", "trace_size_exceeded",
            "builds_disabled", "environment_creation_failure", "deployment_rejected",
            "failed_outdated_deployment_job", "job_execution_server_timeout", "stuck_pending_with_matching_runners",
            "stuck_pending_no_matching_runners", "no_updates_running", "no_updates_canceling",
            "server_timeout_running", "server_timeout_canceling", "runner_configuration_error",
            "runner_external_dependency_failure", "runner_interrupted", "protected_environment_failure",
            "insufficient_bridge_permissions", "downstream_bridge_project_not_found", "invalid_bridge_trigger",
            "upstream_bridge_project_not_found", "insufficient_upstream_permissions",
            "bridge_pipeline_is_child_pipeline", "downstream_pipeline_creation_failed", "secrets_provider_not_found",
            "reached_max_descendant_pipelines_depth", "ip_restriction_failure", "reached_max_pipeline_hierarchy_size",
            "reached_downstream_pipeline_trigger_rate_limit", "duo_workflow_not_allowed", "job_router_failure",
            "job_token_expired", "id_token_burned_project_path", "downstream_project_trigger_resolved_to_empty");

    private static final Pattern STEP_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    /** {@code distribution/reference}: [domain/]path[:tag][@digest]. */
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+])(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/"
            + PATH_COMPONENT + ")*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*"
            + ":[0-9a-fA-F]{32,})?");
    private static final int MAX_REFERENCE = 4096;

    private JobRules() {
    }

    static void check(RMap config, Map<String, ResolvedJob> jobs, Consumer<Diagnostic> report) {
        List<String> stages = stages(config);
        for (ResolvedJob job : jobs.values()) {
            if (stages != null) {
                stage(job, stages, report);
            }
            image(job, job.get("image"), "image", report);
            if (job.get("services") instanceof RList services) {
                for (RNode s : services.items()) {
                    image(job, s, "services", report);
                }
            }
            environment(job, report);
            retry(job, report);
            run(job, report);
        }
    }

    /** The effective stages, or null when they cannot be known (written with a variable or an input). */
    private static List<String> stages(RMap config) {
        RNode declared = config.get("stages");
        Set<String> out = new LinkedHashSet<>();
        out.add(".pre");
        if (declared == null || declared instanceof RScalar s && s.isNull()) {
            out.addAll(DEFAULT_STAGES);
        } else if (declared instanceof RList l) {
            List<String> flat = new ArrayList<>();
            if (!flatten(l, flat, 0)) {
                return null;
            }
            out.addAll(flat);
        } else {
            return null;
        }
        out.add(".post");
        return List.copyOf(out);
    }

    /** Nested stage lists are flattened (up to 10 levels, {@code Entry::Stages}); false when one is not a name. */
    private static boolean flatten(RList l, List<String> out, int depth) {
        for (RNode i : l.items()) {
            if (i instanceof RList inner && depth < 10) {
                if (!flatten(inner, out, depth + 1)) {
                    return false;
                }
            } else if (i instanceof RScalar s && s.value() != null && !s.value().contains("$")) {
                out.add(s.value());
            } else {
                return false;
            }
        }
        return true;
    }

    private static void stage(ResolvedJob job, List<String> stages, Consumer<Diagnostic> report) {
        RNode stage = job.get("stage");
        String name;
        Origin at;
        if (stage == null || stage instanceof RScalar s && s.isNull()) {
            name = "test";
            at = job.body().origin();
        } else if (stage instanceof RScalar s) {
            name = s.value();
            at = s.origin();
        } else {
            return;
        }
        if (name.contains("$") || stages.contains(name)) {
            return;
        }
        report.accept(new Diagnostic(at.location(), "stage-unknown", true, "job \"" + job.name()
                + "\": chosen stage \"" + name + "\" does not exist; available stages are "
                + String.join(", ", stages)));
    }

    private static void image(ResolvedJob job, RNode node, String keyword, Consumer<Diagnostic> report) {
        RNode name = node instanceof RMap m ? m.get("name") : node;
        if (!(name instanceof RScalar s) || s.value() == null || s.value().contains("$")
                || s.value().length() > MAX_REFERENCE) {
            return;
        }
        if (!REFERENCE.matcher(s.value()).matches()) {
            report.accept(new Diagnostic(s.origin().location(), "image-invalid", true, "jobs:" + job.name() + ":"
                    + keyword + " \"" + s.value() + "\" is not a valid image reference (invalid reference format"
                    + (s.value().chars().anyMatch(Character::isWhitespace) ? ": it contains a blank" : "") + ")"));
        }
    }

    private static void environment(ResolvedJob job, Consumer<Diagnostic> report) {
        if (job.get("environment") instanceof RMap env && env.get("action") instanceof RScalar action
                && "stop".equals(action.value())
                && (env.get("name") == null || env.get("name") instanceof RScalar n
                        && (n.value() == null || n.value().isEmpty()))) {
            report.accept(new Diagnostic(env.origin().location(), "environment-invalid", true, "jobs:" + job.name()
                    + ":environment name can't be blank (action \"stop\" needs the environment's name)"));
        }
    }

    private static void retry(ResolvedJob job, Consumer<Diagnostic> report) {
        if (!(job.get("retry") instanceof RMap retry)) {
            return;
        }
        RNode when = retry.get("when");
        List<RScalar> values = new ArrayList<>();
        if (when instanceof RScalar s && s.value() != null) {
            values.add(s);
        } else if (when instanceof RList l) {
            l.items().stream().filter(i -> i instanceof RScalar s && s.value() != null)
                    .forEach(i -> values.add((RScalar) i));
        }
        List<String> unknown = new ArrayList<>();
        RScalar first = null;
        for (RScalar v : values) {
            if (!v.value().contains("$") && !RETRY_WHEN.contains(v.value())) {
                unknown.add(v.value());
                first = first == null ? v : first;
            }
        }
        if (first != null) {
            report.accept(new Diagnostic(first.origin().location(), "retry-invalid", true, "jobs:" + job.name()
                    + ":retry when contains unknown values: \"" + String.join("\", \"", unknown)
                    + "\" (a failure reason such as script_failure, or always)"));
        }
    }

    private static void run(ResolvedJob job, Consumer<Diagnostic> report) {
        if (!(job.get("run") instanceof RList steps)) {
            return;
        }
        for (RNode step : steps.items()) {
            if (step instanceof RMap m && m.get("name") instanceof RScalar n && n.value() != null
                    && !n.value().contains("$") && !STEP_NAME.matcher(n.value()).matches()) {
                report.accept(new Diagnostic(n.origin().location(), "run-invalid", true, "jobs:" + job.name()
                        + ":run step name \"" + n.value() + "\" does not match ^[a-zA-Z_][a-zA-Z0-9_]*$"));
            }
        }
    }
}
