package dev.soctriage.triage.llm;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.secrets.SecretUnavailableException;
import dev.soctriage.secrets.Secrets;

/**
 * Where the model's API key comes from: a plain {@code GROQ_API_KEY} (local runs) or, winning over it,
 * the Secrets Manager secret named by {@code GROQ_API_KEY_SECRET_ARN} (AWS), read at each call from
 * {@link Secrets}' cache. Never logged.
 */
@ApplicationScoped
public class ModelKey {
    private final String key;
    private final String arn;
    private final Secrets secrets;

    public ModelKey(LlmConfig cfg, Secrets secrets) {
        this.key = cfg.apiKey().map(String::strip).orElse("");
        this.arn = cfg.apiKeySecretArn().map(String::strip).orElse("");
        this.secrets = secrets;
    }

    /**
     * Whether either source is set: the model is asked only then (a deployment names the key by ARN
     * only, docs/deployment.md).
     */
    public boolean present() {
        return !key.isEmpty() || !arn.isEmpty();
    }

    /**
     * The key to send now.
     *
     * @throws SecretUnavailableException the secret could not be read
     */
    String value() {
        return arn.isEmpty() ? key : secrets.get(arn).strip();
    }

    /** The server refused the key: a secret is read again at the next call, it may hold its rotated value. */
    void refused() {
        if (!arn.isEmpty()) {
            secrets.invalidate(arn);
        }
    }
}
