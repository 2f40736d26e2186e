package dev.spotlane.policy;

import java.util.List;
import java.util.Objects;

/**
 * One {@code [[runners.autoscaler.policy]]}: when it applies and how much idle capacity to keep.
 *
 * @param periods          cron ranges when it applies (empty: always)
 * @param timezone         the zone of {@code periods}, or null
 * @param idleCount        idle job slots to keep (0 scales to zero)
 * @param idleTime         how long a finished worker stays warm, as a Go duration ({@code 20m})
 * @param scaleFactor      extra idle capacity as a share of the capacity in use, or null
 * @param scaleFactorLimit cap of the extra idle capacity, or null
 */
public record IdlePolicy(List<String> periods, String timezone, int idleCount, String idleTime, Double scaleFactor,
                         Integer scaleFactorLimit) {
    public IdlePolicy {
        periods = List.copyOf(periods);
        Objects.requireNonNull(idleTime, "idleTime");
    }
}
