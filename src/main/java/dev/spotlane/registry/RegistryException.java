package dev.spotlane.registry;

/**
 * A registry could not be read, or what it served is not usable. The message is one line for the user: it names the
 * registry, the repository and what went wrong, and never carries a credential, a token or a response body.
 */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
