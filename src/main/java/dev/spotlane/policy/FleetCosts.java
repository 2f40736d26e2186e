package dev.spotlane.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rules' {@code fleet.costs} say about the fleet's costs beyond its spot instances. Every field is
 * optional: null (or empty) means "not given", and the cost estimate then uses its assumed figure and says so.
 *
 * @param manager         where the runner manager runs: {@code home}, {@code oracle-free}, or an EC2 instance type
 *                        priced on demand (e.g. {@code t4g.nano})
 * @param workerNetwork   how workers reach the internet: {@code public_ipv4} or {@code nat_gateway}
 * @param rootVolumeGb    each worker's EBS root volume (GB)
 * @param managerVolumeGb the manager's EBS root volume when it is an EC2 instance (GB)
 * @param s3Cache         the S3 shared cache, or null when none is configured
 * @param egressGbPerMonth data the fleet sends out to the internet a month (GB), overriding the estimate
 * @param prices          unit prices in USD by key ({@code public_ipv4_hour}, {@code nat_gateway_hour},
 *                        {@code nat_gateway_gb}, {@code ebs_gb_month}, {@code s3_gb_month}, {@code s3_put_1000},
 *                        {@code s3_get_1000}, {@code egress_gb}, {@code egress_free_gb})
 * @param onDemand        on-demand USD per hour by EC2 instance type (for the manager)
 */
public record FleetCosts(String manager, String workerNetwork, Double rootVolumeGb, Double managerVolumeGb,
                         S3Cache s3Cache, Double egressGbPerMonth, Map<String, Double> prices,
                         Map<String, Double> onDemand) {
    /** Nothing given. */
    public static final FleetCosts NONE = new FleetCosts(null, null, null, null, null, null, Map.of(), Map.of());

    public FleetCosts {
        prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
        onDemand = Collections.unmodifiableMap(new LinkedHashMap<>(onDemand));
    }

    /**
     * The S3 shared cache ({@code [runners.cache] Type = "s3"}).
     *
     * @param storageGb  GB stored on average
     * @param putsPerJob cache uploads per job (null: assumed 1)
     * @param getsPerJob cache downloads per job (null: assumed 1)
     */
    public record S3Cache(Double storageGb, Double putsPerJob, Double getsPerJob) {
    }
}
