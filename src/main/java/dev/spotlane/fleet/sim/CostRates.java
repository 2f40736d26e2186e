package dev.spotlane.fleet.sim;

import dev.spotlane.policy.FleetCosts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The unit prices of the fleet's costs beyond spot instances, each with where it came from: a {@code --prices} file
 * wins over the rules' {@code fleet.costs}, which win over the assumed figure (AWS us-east-1 list prices as
 * published in 2026, to verify before quoting them).
 */
public final class CostRates {
    /** Where an assumed figure comes from. */
    public static final String ASSUMED_SOURCE = "assumed: AWS us-east-1 list price, 2026";

    /** The unit prices and their assumed values. */
    static final Map<String, Double> ASSUMED;
    /** How each unit price reads for people. */
    static final Map<String, String> UNITS;

    static {
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, String> u = new LinkedHashMap<>();
        put(m, u, "public_ipv4_hour", 0.005, "/address-hour");
        put(m, u, "nat_gateway_hour", 0.045, "/NAT gateway-hour");
        put(m, u, "nat_gateway_gb", 0.045, "/GB processed");
        put(m, u, "ebs_gb_month", 0.08, "/GB-month (gp3)");
        put(m, u, "s3_gb_month", 0.023, "/GB-month");
        put(m, u, "s3_put_1000", 0.005, "/1,000 PUT");
        put(m, u, "s3_get_1000", 0.0004, "/1,000 GET");
        put(m, u, "egress_gb", 0.09, "/GB out");
        put(m, u, "egress_free_gb", 100.0, " GB free a month");
        ASSUMED = java.util.Collections.unmodifiableMap(m);
        UNITS = java.util.Collections.unmodifiableMap(u);
    }

    /** The keys of unit prices (not instance types). */
    public static final List<String> KEYS = List.copyOf(ASSUMED.keySet());

    /** On-demand Linux prices, us-east-1 (for a manager on EC2). */
    static final Map<String, Double> ON_DEMAND = Map.of("t4g.nano", 0.0042, "t4g.micro", 0.0084, "t4g.small",
            0.0168);

    private static void put(Map<String, Double> m, Map<String, String> u, String key, double v, String unit) {
        m.put(key, v);
        u.put(key, unit);
    }

    /**
     * One unit price.
     *
     * @param key     its key ({@code public_ipv4_hour}, or an instance type for an on-demand price)
     * @param value   USD per unit (or GB for {@code egress_free_gb})
     * @param source  where it came from
     * @param assumed true for the built-in figure
     */
    public record Rate(String key, double value, String source, boolean assumed) {
        public Rate {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(source, "source");
        }

        /** {@code $0.005/address-hour}. */
        public String text() {
            String unit = UNITS.getOrDefault(key, "/h on demand");
            return key.equals("egress_free_gb") ? Bill.number(value) + unit : "$" + Bill.number(value) + unit;
        }
    }

    private final FleetCosts costs;
    private final String rulesSource;
    private final Prices prices;

    private CostRates(FleetCosts costs, String rulesSource, Prices prices) {
        this.costs = costs;
        this.rulesSource = rulesSource;
        this.prices = prices;
    }

    /**
     * The unit prices.
     *
     * @param costs       the rules' {@code fleet.costs}
     * @param rulesSource the rules file's name, for the source of its figures
     * @param prices      a {@code --prices} file (its unit prices and on-demand prices win), or the assumed prices
     */
    public static CostRates of(FleetCosts costs, String rulesSource, Prices prices) {
        return new CostRates(Objects.requireNonNull(costs, "costs"), Objects.requireNonNull(rulesSource,
                "rulesSource"), Objects.requireNonNull(prices, "prices"));
    }

    /** A unit price by key. */
    public Rate rate(String key) {
        if (!ASSUMED.containsKey(key)) {
            throw new IllegalArgumentException("unknown unit price " + key);
        }
        if (prices.given(key) != null) {
            return new Rate(key, prices.given(key), prices.source(), false);
        }
        if (costs.prices().containsKey(key)) {
            return new Rate(key, costs.prices().get(key), rulesSource + " fleet.costs.prices." + key, false);
        }
        return new Rate(key, ASSUMED.get(key), ASSUMED_SOURCE, true);
    }

    /** The on-demand price of an instance type, or null when none is known. */
    public Rate onDemand(String instanceType) {
        if (prices.onDemand(instanceType) != null) {
            return new Rate(instanceType, prices.onDemand(instanceType), prices.source(), false);
        }
        if (costs.onDemand().containsKey(instanceType)) {
            return new Rate(instanceType, costs.onDemand().get(instanceType), rulesSource + " fleet.costs.on_demand",
                    false);
        }
        Double assumed = ON_DEMAND.get(instanceType);
        return assumed == null ? null : new Rate(instanceType, assumed, ASSUMED_SOURCE, true);
    }

    /** The rules' {@code fleet.costs}. */
    public FleetCosts costs() {
        return costs;
    }

    /** The rules file's name. */
    public String rulesSource() {
        return rulesSource;
    }
}
