package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void dockerHubIsReadFromItsApiHost() {
        assertEquals(URI.create("https://registry-1.docker.io"), Endpoint.of("docker.io").base());
        assertEquals(URI.create("https://registry-1.docker.io"), Endpoint.of("index.docker.io").base());
        assertEquals("docker.io", Endpoint.of("docker.io").registry());
    }

    @Test
    void otherRegistriesOverHttps() {
        assertEquals(URI.create("https://ghcr.io"), Endpoint.of("ghcr.io").base());
        assertEquals(URI.create("https://registry.example.com:5050"), Endpoint.of("registry.example.com:5050").base());
        // a name that merely looks local is not loopback: no DNS lookup decides about TLS
        assertEquals(URI.create("https://localhost.example.com:5000"),
                Endpoint.of("localhost.example.com:5000").base());
        assertEquals(URI.create("https://128.0.0.1:5000"), Endpoint.of("128.0.0.1:5000").base());
        assertEquals(URI.create("https://10.0.0.5:5000"), Endpoint.of("10.0.0.5:5000").base());
    }

    @Test
    void loopbackRegistriesOverPlainHttp() {
        assertEquals(URI.create("http://127.0.0.1:5000"), Endpoint.of("127.0.0.1:5000").base());
        assertEquals(URI.create("http://127.3.2.1:5000"), Endpoint.of("127.3.2.1:5000").base());
        assertEquals(URI.create("http://localhost:5000"), Endpoint.of("localhost:5000").base());
        assertEquals(URI.create("http://[::1]:5000"), Endpoint.of("[::1]:5000").base());
        assertTrue(Endpoint.loopback("127.255.255.255"));
        assertFalse(Endpoint.loopback("127.256.0.1"));
        assertFalse(Endpoint.loopback("127.0.0.1.nip.io"));
    }

    @Test
    void plainHttpOnlyToLoopback() {
        assertTrue(Endpoint.allowed(URI.create("https://auth.docker.io/token")));
        assertTrue(Endpoint.allowed(URI.create("http://127.0.0.1:8080/token")));
        assertTrue(Endpoint.allowed(URI.create("http://[::1]:8080/token")));
        assertFalse(Endpoint.allowed(URI.create("http://auth.docker.io/token")));
        assertFalse(Endpoint.allowed(URI.create("ftp://127.0.0.1/x")));
        assertFalse(Endpoint.allowed(URI.create("file:///etc/passwd")));
    }
}
