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
}
