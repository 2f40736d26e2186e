package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void dockerHubBearerChallenge() {
        List<Challenge> cs = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"");
        assertEquals(1, cs.size());
        assertEquals("bearer", cs.get(0).scheme());
        assertEquals("https://auth.docker.io/token", cs.get(0).param("realm"));
        assertEquals("registry.docker.io", cs.get(0).param("service"));
        assertEquals("repository:library/alpine:pull", cs.get(0).param("scope"));
    }

    @Test
    void basicAndSeveralChallengesAndTokens() {
        List<Challenge> cs = Challenge.parse("Basic realm=\"Registry Realm\", Bearer realm=x, Service=\"a\\\"b\"");
        assertEquals(2, cs.size());
        assertEquals("basic", cs.get(0).scheme());
        assertEquals("Registry Realm", cs.get(0).param("realm"));
        assertEquals("x", cs.get(1).param("realm"));
        assertEquals("a\"b", cs.get(1).param("service"));
    }

    @Test
    void garbageGivesWhatItCan() {
        assertEquals(List.of(), Challenge.parse(""));
        assertEquals(List.of(), Challenge.parse(" , ,"));
        assertEquals("bearer", Challenge.parse("Bearer realm=\"unterminated").get(0).scheme());
    }
}
