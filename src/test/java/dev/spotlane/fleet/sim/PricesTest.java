package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PricesTest {

    @Test
    void theDesignDocumentsTableIsTheAssumedDefault() {
        Prices p = Prices.assumed();
        assertEquals(new Prices.Price("t4g.medium", 0.012, true), p.lookup("t4g", "t4g.medium").orElseThrow());
        assertEquals(new Prices.Price("t4g.large", 0.024, true), p.lookup("t4g", "t4g.large").orElseThrow());
        assertEquals(new Prices.Price("c7g.large", 0.029, true), p.lookup("c7g", "c7g.large").orElseThrow());
        assertTrue(p.lookup("x86", "m7i.large").isEmpty());
        assertTrue(p.lookup("x86", null).isEmpty());
    }

    @Test
    void aFileOverridesByInstanceTypeOrClass() throws Exception {
        Prices p = Prices.read(Path.of("src/test/resources/golden/sim/prices.txt"));
        assertEquals(new Prices.Price("t4g.medium", 0.0101, false), p.lookup("t4g", "t4g.medium").orElseThrow());
        assertEquals(new Prices.Price("c7g", 0.0315, false), p.lookup("c7g", "c7g.large").orElseThrow());
        assertEquals(new Prices.Price("t4g.large", 0.024, true), p.lookup("big", "t4g.large").orElseThrow());
    }

    @Test
    void aBadLineIsOneMessageWithItsNumber() {
        String bad = assertThrows(SimulationInputException.class, () -> Prices.parse("p.txt",
                "t4g.medium: 0.01\nc7g.large: cheap\n")).getMessage();
        assertEquals("p.txt:2: expected \"INSTANCE_TYPE: PRICE\" (USD per hour, e.g. \"t4g.medium: 0.012\"), found"
                + " \"c7g.large: cheap\"", bad);
        String twice = assertThrows(SimulationInputException.class, () -> Prices.parse("p.txt",
                "a: 1\na: 2\n")).getMessage();
        assertEquals("p.txt:2: \"a\" is priced twice", twice);
    }

    /**
     * The JSON {@code aws ec2 describe-spot-price-history} prints (shape: aws-cli's example and the EC2 API's
     * SpotPrice model, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SpotPrice.html: SpotPrice is a
     * decimal string, unknown fields such as AvailabilityZoneId are ignored, the order is not relied on). t4g.medium:
     * us-east-1a holds 0.0123 for 4 days then 0.0131 for 3 (mean 0.012643), us-east-1b 0.0116 for 7 days then
     * 0.0128 at the end (0.0116): their mean 0.012121. c7g.large: one Linux price; the Windows one is left out.
     */
    @Test
    void theSpotPriceHistoryOfTheAwsCliIsAveragedOverZonesAndThePeriod() throws Exception {
        Path in = Path.of("src/test/resources/golden/prices/spot-price-history.json");
        Prices p = Prices.read(in);
        dev.spotlane.Golden.assertMatches(Path.of("src/test/resources/golden/prices/spot-price-history.txt"),
                p.describe());
        Prices.Price t4g = p.lookup("t4g", "t4g.medium").orElseThrow();
        assertEquals(((0.0123 * 4 + 0.0131 * 3) / 7 + 0.0116) / 2, t4g.perHour(), 1e-12);
        assertEquals(false, t4g.assumed());
        assertEquals(0.0305, p.lookup("c7g", "c7g.large").orElseThrow().perHour(), 1e-12);
        assertTrue(p.detail("t4g.medium").startsWith("mean of 2 availability zones"));
    }

    @Test
    void aBadSpotPriceHistoryIsOneMessage() {
        String bad = assertThrows(SimulationInputException.class, () -> Prices.parse("spot.json",
                "{\"SpotPriceHistory\": [{\"AvailabilityZone\": \"us-east-1a\", \"InstanceType\": \"t4g.medium\","
                        + " \"ProductDescription\": \"Linux/UNIX\", \"SpotPrice\": \"cheap\","
                        + " \"Timestamp\": \"2026-08-20T10:15:00.000Z\"}]}")).getMessage();
        assertEquals("spot.json: SpotPriceHistory[0].SpotPrice: expected a price in USD per hour such as"
                + " \"0.012300\", found \"cheap\"", bad);
        String none = assertThrows(SimulationInputException.class, () -> Prices.parse("spot.json",
                "{\"Reservations\": []}")).getMessage();
        assertEquals("spot.json: no \"SpotPriceHistory\" array; expected the output of aws ec2"
                + " describe-spot-price-history --output json", none);
        String windows = assertThrows(SimulationInputException.class, () -> Prices.parse("spot.json",
                "{\"SpotPriceHistory\": [{\"AvailabilityZone\": \"us-east-1a\", \"InstanceType\": \"t4g.medium\","
                        + " \"ProductDescription\": \"Windows\", \"SpotPrice\": \"0.05\","
                        + " \"Timestamp\": \"2026-08-20T10:15:00.000Z\"}]}")).getMessage();
        assertEquals("spot.json: no Linux/UNIX spot price in SpotPriceHistory (only Windows)", windows);
    }

    @Test
    void onDemandAndUnitPricesInATextFile() throws Exception {
        Prices p = Prices.parse("p.txt", "on_demand.t4g.nano: 0.0045\npublic_ipv4_hour: 0.006\n");
        CostRates rates = CostRates.of(dev.spotlane.policy.FleetCosts.NONE, "rules.yml", p);
        assertEquals(new CostRates.Rate("t4g.nano", 0.0045, "p.txt", false), rates.onDemand("t4g.nano"));
        assertEquals(new CostRates.Rate("public_ipv4_hour", 0.006, "p.txt", false), rates.rate("public_ipv4_hour"));
        assertEquals(new CostRates.Rate("ebs_gb_month", 0.08, CostRates.ASSUMED_SOURCE, true),
                rates.rate("ebs_gb_month"));
    }
}
