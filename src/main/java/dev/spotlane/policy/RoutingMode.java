package dev.spotlane.policy;

/** Which jobs the cloud runners take. */
public enum RoutingMode {
    /** Cloud runners take only jobs tagged for them; untagged jobs stay local. */
    EXPLICIT,
    /** The default cloud class also takes untagged jobs, so routes to it add no tags. */
    OVERFLOW;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
