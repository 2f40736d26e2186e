package dev.spotlane.gitlab;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Why a request got no answer, in one line that names the host ("cannot connect to gitlab.example.com:443: connection
 * refused") instead of the HTTP client's exception chain ({@code ProcessingException: java.net.ConnectException}).
 */
final class Unreachable {
    private Unreachable() {
    }

    static String describe(Throwable failure, String url) {
        String host = hostOf(url);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + host;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                String why = t.getMessage() == null ? "connection refused" : t.getMessage().toLowerCase(
                        java.util.Locale.ROOT);
                return "cannot connect to " + host + ": " + why;
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + host + " in time";
            }
            if (t instanceof SSLException) {
                return "TLS failed with " + host + ": " + String.valueOf(t.getMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "cannot reach " + host + ": " + (root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage());
    }

    private static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() != null) {
                int port = u.getPort() >= 0 ? u.getPort() : "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
                return u.getHost() + ":" + port;
            }
        } catch (IllegalArgumentException e) {
            // fall back to the text as given
        }
        return String.valueOf(url);
    }
}
