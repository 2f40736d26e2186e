package dev.spotlane.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The token scrubber and the one-line "cannot connect" message. */
class SecretTest {

    @Test
    void aLongTokenIsMaskedWherever() {
        Secret s = new Secret("glpat-0123456789");
        assertEquals("url?private_token=[masked]&x, x[masked]y", s.scrub(
                "url?private_token=glpat-0123456789&x, xglpat-0123456789y"));
    }

    @Test
    void aShortTokenIsMaskedOnlyAsAWholeToken() {
        Secret s = new Secret("a");
        assertEquals("read project [masked]/b: cannot connect", s.scrub("read project a/b: cannot connect"),
                "no letter of another word is masked, only the whole token a");
        assertEquals("token [masked], all [masked].", s.scrub("token a, all a."));
        Secret t = new Secret("abc");
        assertEquals("Authorization: Bearer [masked] (abcd, xabc, abc_1 stay)", t.scrub(
                "Authorization: Bearer abc (abcd, xabc, abc_1 stay)"));
        assertEquals("", t.scrub(null));
    }

    @Test
    void aRefusedConnectionIsOneLineNamingTheHost() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Exception refused;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            throw new AssertionError("port " + port + " should be closed");
        } catch (ConnectException e) {
            refused = new RuntimeException("jakarta.ws.rs.ProcessingException", e);
        }
        String line = Unreachable.describe(refused, "http://127.0.0.1:" + port);
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", line);
        assertEquals("unknown host gitlab.invalid:443", Unreachable.describe(new RuntimeException(
                new java.net.UnknownHostException("gitlab.invalid")), "https://gitlab.invalid"));
    }
}
