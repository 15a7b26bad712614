package dev.soctriage.secrets;

/** A secret could not be read (Secrets Manager unreachable, access denied, not a string); never carries its value. */
public class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
