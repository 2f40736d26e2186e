package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.model.Location;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Diagnostic}'s written-out {@code equals} and {@code hashCode} are the record's (see {@link Location}). */
class DiagnosticTest {
    private record Same(Location location, String id, boolean error, String message, String kind) {
    }

    @Test
    void equalsAndHashAsTheRecordWould() {
        Random random = new Random(10);
        List<String> kinds = List.of("include-error", "include-not-found", "include-cycle", "extends-unknown");
        for (int i = 0; i < 10_000; i++) {
            Diagnostic a = diagnostic(random, kinds);
            Diagnostic b = diagnostic(random, kinds);
            assertEquals(same(a).hashCode(), a.hashCode(), a::toString);
            assertEquals(same(a).equals(same(b)), a.equals(b), a + " / " + b);
            assertEquals(a, new Diagnostic(a.location(), a.id(), a.error(), new String(a.message()), a.kind()));
        }
    }

    private static Diagnostic diagnostic(Random random, List<String> kinds) {
        return new Diagnostic(new Location("a.yml", 1 + random.nextInt(2), 1), kinds.get(random.nextInt(kinds.size())),
                random.nextBoolean(), "m" + random.nextInt(2));
    }

    private static Same same(Diagnostic d) {
        return new Same(d.location(), d.id(), d.error(), d.message(), d.kind());
    }
}
