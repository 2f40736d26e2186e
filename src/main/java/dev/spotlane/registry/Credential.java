package dev.spotlane.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registry login from a Docker config: user name and password (or token used as one), or an OAuth2 identity
 * token (refresh token). {@link #toString()} never shows the secret.
 *
 * @param username      the user name, or null with an identity token
 * @param password      the password, or null with an identity token
 * @param identityToken the refresh token ({@code identitytoken}), or null
 */
public record Credential(String username, String password, String identityToken) {

    /** @return true when the credential is a user name and password (for Basic auth) */
    public boolean basic() {
        return username != null && password != null;
    }

    /** @return the value of an {@code Authorization: Basic ...} header; only for {@link #basic()} credentials */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credential[username=" + (username == null ? "-" : username) + ", secret=***]";
    }
}
