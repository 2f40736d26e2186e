package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every line of the bill, hand-computed from the unit prices of docs/simulate.md. */
class BillModelTest {
    private static final double EPS = 1e-9;
    private static final long H = 3_600_000;

    /** 100 billed VM-hours and 50 cloud jobs in the trace; a month is twice the trace. */
    private static IdleTimeResult result(long artifactBytes) {
        ClassRun run = new ClassRun(50, 20 * H, 100 * H, 100 * H, 20 * H, H, 10, 10, 0, 0, 0, 3, new long[50]);
        ClassResult t4g = new ClassResult("t4g", "t4g.medium", Prices.assumed().lookup("t4g", "t4g.medium")
                .orElseThrow(), AutoscalerSettings.DESIGN, run);
        return new IdleTimeResult(1_200_000, List.of(t4g), run, 0, artifactBytes, null);
    }

    private static Policy rules(String connector, String costs) throws Exception {
        return PolicyLoader.load(new Source("rules.yml", """
                version: 1
                routing:
                  policy: explicit
                  classes:
                    t4g: { tags: [t4g], default: true }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: t4g }
                fleet:
                  instance_types:
                    t4g.medium: { class: t4g, vcpu: 2, memory_gib: 4 }
                  connector: %s
                %s
                """.formatted(connector, costs.indent(2))), Path.of("."));
    }

    private static Map<String, Bill.Line> lines(Bill b) {
        return b.other().stream().collect(Collectors.toMap(Bill.Line::item, Function.identity()));
    }

    @Test
    void everyLineFromTheRules() throws Exception {
        Policy p = rules("{ use_external_addr: false }", """
                costs:
                  manager: t4g.nano
                  worker_network: nat_gateway
                  root_volume_gb: 20
                  s3_cache: { storage_gb: 2 }
                  egress_gb_per_month: 150
                  prices: { public_ipv4_hour: 0.004 }
                """);
        Bill b = BillModel.of(p.fleet(), "rules.yml", Prices.assumed(), 2, false).bill(result(0));
        assertEquals(200 * 0.012, b.computePerMonth(), EPS);
        Map<String, Bill.Line> l = lines(b);
        assertEquals(720 * 0.0042, l.get("manager").perMonth(), EPS, "t4g.nano on demand all month");
        assertTrue(l.get("manager").assumed(), "the on-demand price is assumed");
        assertEquals(720 * 0.004, l.get("public IPv4").perMonth(), EPS, "only the NAT gateway's address");
        assertEquals("rules.yml fleet.costs.prices.public_ipv4_hour", l.get("public IPv4").source());
        assertFalse(l.get("public IPv4").assumed());
        assertEquals(720 * 0.045 + 150 * 0.045, l.get("NAT gateway").perMonth(), EPS);
        assertEquals((20 * 200 / 720d + 8) * 0.08, l.get("EBS root volumes").perMonth(), EPS,
                "workers prorated by VM-hours, the manager's 8 GB all month");
        assertEquals(2 * 0.023 + 100 / 1000d * 0.005 + 100 / 1000d * 0.0004, l.get("S3 cache").perMonth(), EPS,
                "storage, a PUT and a GET per cloud job (50 in the trace, 100 a month)");
        assertEquals((150 - 100) * 0.09, l.get("egress").perMonth(), EPS, "100 GB free");
        assertEquals(b.computePerMonth() + b.otherPerMonth(), b.totalPerMonth(), EPS);
        assertEquals(List.of(), b.notes());
    }

    @Test
    void theDefaultsAreAssumedAndSaySo() throws Exception {
        Policy p = rules("{ use_external_addr: false }", "");
        Bill b = BillModel.of(p.fleet(), "rules.yml", Prices.assumed(), 2, false).bill(result(0));
        Map<String, Bill.Line> l = lines(b);
        assertEquals(0, l.get("manager").perMonth(), EPS, "the design's home lab");
        assertEquals(200 * 0.005, l.get("public IPv4").perMonth(), EPS, "one address per worker VM-hour");
        assertEquals(0, l.get("NAT gateway").perMonth(), EPS);
        assertEquals(30 * 200 / 720d * 0.08, l.get("EBS root volumes").perMonth(), EPS);
        assertEquals(0, l.get("S3 cache").perMonth(), EPS, "none configured");
        assertEquals(0, l.get("egress").perMonth(), EPS, "the design's 10 GB are within the free 100 GB");
        assertTrue(l.get("egress").quantity().contains("5-15 GB"));
        assertTrue(b.assumed());
        assertTrue(b.notes().get(0).contains("use_external_addr: true"), "a home manager cannot reach private"
                + " addresses");
    }

    @Test
    void theBucketThatRunnerConfigWritesIsBilledWithoutCostFigures() throws Exception {
        Policy p = rules("{ use_external_addr: false }", "cache: { bucket: ci-cache, region: eu-central-1 }");
        Bill.Line s3 = lines(BillModel.of(p.fleet(), "rules.yml", Prices.assumed(), 2, false).bill(result(0)))
                .get("S3 cache");
        assertTrue(s3.perMonth() > 0, "fleet.cache declares the bucket: " + s3);
        assertTrue(s3.assumed(), "storage and requests per job are assumed without fleet.costs.s3_cache");
    }

    @Test
    void egressFromTheHistorysArtifactSizes() throws Exception {
        Policy p = rules("{ use_external_addr: true }", "costs: { manager: oracle-free }");
        // 60 GB of artifacts in the trace: 120 GB a month, 20 past the free tier
        Bill b = BillModel.of(p.fleet(), "rules.yml", Prices.assumed(), 2, true).bill(result(60_000_000_000L));
        Bill.Line egress = lines(b).get("egress");
        assertEquals(20 * 0.09, egress.perMonth(), EPS);
        assertTrue(egress.quantity().contains("artifacts"), egress.quantity());
        assertEquals(List.of(), b.notes());
    }

    @Test
    void useExternalAddrNeedsPublicAddressesEvenWithANatGateway() throws Exception {
        Policy p = rules("{ use_external_addr: true }", "costs: { worker_network: nat_gateway }");
        Bill b = BillModel.of(p.fleet(), "rules.yml", Prices.assumed(), 2, false).bill(result(0));
        assertEquals(200 * 0.005, lines(b).get("public IPv4").perMonth(), EPS);
        assertEquals(0, lines(b).get("NAT gateway").perMonth(), EPS);
        assertTrue(b.notes().get(0).startsWith("worker_network nat_gateway ignored"), b.notes().toString());
    }

    @Test
    void aManagerWithoutAnOnDemandPriceLeavesTheTotalOpen() throws Exception {
        Policy p = rules("{ use_external_addr: false }", "costs: { manager: m7g.medium }");
        Bill b = BillModel.of(p.fleet(), "rules.yml", Prices.assumed(), 2, false).bill(result(0));
        assertNull(lines(b).get("manager").perMonth());
        assertNull(b.totalPerMonth());
        Bill priced = BillModel.of(rules("{ use_external_addr: false }",
                "costs: { manager: m7g.medium, on_demand: { m7g.medium: 0.0408 } }").fleet(), "rules.yml",
                Prices.assumed(), 2, false).bill(result(0));
        assertEquals(720 * 0.0408, lines(priced).get("manager").perMonth(), EPS);
        assertFalse(lines(priced).get("manager").assumed());
    }

    @Test
    void aPricesFileWinsOverTheRules() throws Exception {
        Policy p = rules("{ use_external_addr: false }", "costs: { prices: { ebs_gb_month: 0.1 } }");
        Prices file = Prices.parse("prices.txt", "ebs_gb_month: 0.09\n");
        Bill.Line ebs = lines(BillModel.of(p.fleet(), "rules.yml", file, 2, false).bill(result(0)))
                .get("EBS root volumes");
        assertEquals(30 * 200 / 720d * 0.09, ebs.perMonth(), EPS);
        assertEquals("prices.txt", ebs.source());
    }

    @Test
    void theRecommendationOptimisesTheWholeBill() {
        // 5m: compute $1 + other $5; 20m: compute $2 + other $1: 20m is cheaper on the whole bill
        IdleTimeResult five = withBill(result(0), 300_000, 1, 5);
        IdleTimeResult twenty = withBill(result(0), 1_200_000, 2, 1);
        Recommendation r = Simulation.recommend(List.of(five, twenty), 90_000);
        assertEquals(1_200_000, r.idleTime());
        assertTrue(r.byCost());
    }

    private static IdleTimeResult withBill(IdleTimeResult r, long idleTime, double compute, double other) {
        Bill b = new Bill(List.of(new Bill.Line("compute", "", "", "", false, compute)),
                List.of(new Bill.Line("other", "", "", "", false, other)), List.of());
        return new IdleTimeResult(idleTime, r.classes(), r.total(), 0, 0, b);
    }
}
