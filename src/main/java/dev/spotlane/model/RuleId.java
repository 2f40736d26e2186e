package dev.spotlane.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one list of identifiers spotlane prints in brackets after a message ({@code [include-error]}), in every command:
 * {@code lint}, {@code preview}, {@code fix}, {@code images}, {@code simulate}, {@code usage}. Each has its page
 * {@code docs/rules/<id>.md} ({@code RulePagesTest} checks both ways). The resolver's finer kinds of problem
 * ({@code include-cycle}, {@code extends-invalid}...) are {@linkplain #of(String) folded} into these ids, so the same
 * problem carries the same id whichever command reports it; an id outside this list is a bug in spotlane.
 */
public enum RuleId {
    YAML_SYNTAX("yaml-syntax", Kind.CHECK),
    CONFIG_SCHEMA("config-schema", Kind.CHECK),
    CONFIG_INVALID("config-invalid", Kind.CHECK),
    INCLUDE_UNRESOLVED("include-unresolved", Kind.CHECK),
    INCLUDE_ERROR("include-error", Kind.CHECK),
    EXTENDS_UNKNOWN("extends-unknown", Kind.CHECK),
    EXTENDS_CYCLE("extends-cycle", Kind.CHECK),
    EXTENDS_DEPTH("extends-depth", Kind.CHECK),
    REFERENCE_NOT_FOUND("reference-not-found", Kind.CHECK),
    REFERENCE_CYCLE("reference-cycle", Kind.CHECK),
    ROUTING_DRIFT("routing-drift", Kind.CHECK),
    PULL_POLICY_MISMATCH("pull-policy-mismatch", Kind.CHECK),
    UNPINNED_SERVICE_IMAGE("unpinned-service-image", Kind.CHECK),
    IMPLICIT_LATEST("implicit-latest", Kind.CHECK),
    DYNAMIC_IMAGE("dynamic-image", Kind.CHECK),
    UNSATISFIABLE_TAGS("unsatisfiable-tags", Kind.CHECK),
    ARM_INCOMPATIBLE_PLATFORM("arm-incompatible-platform", Kind.CHECK),
    IMAGE_NOT_ARM64("image-not-arm64", Kind.CHECK),
    PRIVILEGED_REQUIRED("privileged-required", Kind.CHECK),
    JOB_LEFT_BEHIND("job-left-behind", Kind.CHECK),
    PULL_POLICY_NOT_ALLOWED("pull-policy-not-allowed", Kind.CHECK),
    IMAGE_NOT_IN_ALLOWLIST("image-not-in-allowlist", Kind.CHECK),
    IMAGE_NOT_MIRRORED("image-not-mirrored", Kind.CHECK),
    CACHE_WITHOUT_SHARED_CACHE("cache-without-shared-cache", Kind.CHECK),
    SPOT_RETRY("spot-retry", Kind.CHECK),
    UNUSED_SUPPRESSION("unused-suppression", Kind.CHECK),
    /** A job history row ({@code simulate --jobs}, {@code usage --input}) that cannot be read. */
    HISTORY_INVALID("history-invalid", Kind.INPUT);

    /** Whether {@code lint} reports the id as a check (suppressible, severity set in the rules file). */
    public enum Kind { CHECK, INPUT }

    /** The resolver's finer kinds of problem, and the id each is reported under. */
    private static final Map<String, RuleId> FOLDED = Map.ofEntries(
            Map.entry("config-format", CONFIG_INVALID),
            Map.entry("default-conflict", CONFIG_INVALID),
            Map.entry("stage-unknown", CONFIG_INVALID),
            Map.entry("image-invalid", CONFIG_INVALID),
            Map.entry("environment-invalid", CONFIG_INVALID),
            Map.entry("retry-invalid", CONFIG_INVALID),
            Map.entry("run-invalid", CONFIG_INVALID),
            Map.entry("include-not-found", INCLUDE_ERROR),
            Map.entry("include-invalid", INCLUDE_ERROR),
            Map.entry("include-cycle", INCLUDE_ERROR),
            Map.entry("include-limit", INCLUDE_ERROR),
            Map.entry("include-inputs", INCLUDE_ERROR),
            Map.entry("include-conditional", INCLUDE_UNRESOLVED),
            Map.entry("include-no-match", INCLUDE_UNRESOLVED),
            Map.entry("extends-invalid", EXTENDS_CYCLE),
            Map.entry("reference-invalid", REFERENCE_NOT_FOUND),
            Map.entry("reference-depth", REFERENCE_NOT_FOUND));

    private final String id;
    private final Kind kind;

    RuleId(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The listed id for an id or a folded kind of problem, if there is one. */
    public static Optional<RuleId> find(String idOrKind) {
        Objects.requireNonNull(idOrKind, "idOrKind");
        RuleId folded = FOLDED.get(idOrKind);
        if (folded != null) {
            return Optional.of(folded);
        }
        return Arrays.stream(values()).filter(r -> r.id.equals(idOrKind)).findFirst();
    }

    /**
     * The listed id for an id or a folded kind of problem.
     *
     * @throws IllegalArgumentException for an id not in the list: add it here and write its page
     */
    public static RuleId of(String idOrKind) {
        return find(idOrKind).orElseThrow(() -> new IllegalArgumentException("\"" + idOrKind
                + "\" is not a rule id of dev.spotlane.model.RuleId: add it there (or fold it into one) and write"
                + " docs/rules/" + idOrKind + ".md"));
    }

    @Override
    public String toString() {
        return id;
    }
}
