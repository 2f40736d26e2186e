package dev.spotlane.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Location}'s written-out {@code equals} and {@code hashCode} are the record's: equal components, and the
 * very hash a record of the same components gets, so hash orders stay what they were.
 */
class LocationTest {
    private record Same(String path, int line, int column) {
    }

    @Test
    void equalsAndHashAsTheRecordWould() {
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            String path = "ci/" + random.nextInt(5) + ".yml";
            int line = random.nextInt(4) - 1;
            int column = random.nextBoolean() ? random.nextInt() : random.nextInt(3);
            Location a = new Location(path, line, column);
            assertEquals(new Same(path, line, column).hashCode(), a.hashCode(), a::toString);
            Location b = new Location(path, random.nextInt(4) - 1, random.nextInt(3));
            assertEquals(new Same(path, line, column).equals(new Same(b.path(), b.line(), b.column())), a.equals(b));
        }
        assertEquals(new Location("a", 1, 2), new Location(new String("a"), 1, 2));
        assertNotEquals(new Location("a", 1, 2), new Location("b", 1, 2));
        assertNotEquals(new Location("a", 1, 2), "a:1:2");
    }
}
