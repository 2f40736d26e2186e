package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesRunnerStyleDurations() {
        assertEquals(90_000, Durations.parseMillis("90s"));
        assertEquals(300_000, Durations.parseMillis("5m"));
        assertEquals(1_200_000, Durations.parseMillis("20m0s"));
        assertEquals(5_400_000, Durations.parseMillis("1h30m"));
        assertEquals(5_400_000, Durations.parseMillis("1.5h"));
        assertEquals(14 * 86_400_000L, Durations.parseMillis("14d"));
        assertEquals(250, Durations.parseMillis("250ms"));
        assertEquals(0, Durations.parseMillis("0s"));
        assertEquals(60_000, Durations.parseMillis(" 1M "));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "5", "m", "5x", "5m junk", "-5m", "1h 30m", "400d"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis(bad), bad);
        }
        assertEquals("\"5x\" is not a duration; expected e.g. 90s, 5m, 1h30m",
                assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis("5x")).getMessage());
    }

    @Test
    void formatsShort() {
        assertEquals("5m", Durations.format(300_000));
        assertEquals("1h30m", Durations.format(5_400_000));
        assertEquals("0s", Durations.format(0));
        assertEquals("1d2h", Durations.format(93_600_000));
        assertEquals("1.5s", Durations.format(1_500));
        assertEquals("85s", Durations.seconds(84_600));
        assertEquals("4.4s", Durations.seconds(4_400));
        assertEquals("0s", Durations.seconds(0));
    }
}
