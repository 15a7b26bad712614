package dev.soctriage.secrets;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Secret strings read from AWS Secrets Manager by ARN and kept for {@link SecretsConfig#ttl()}, so a
 * rotation takes effect without a deploy. Nothing is read at start (a SnapStart snapshot holds no
 * secret); the client is built at the first read. Values are never logged: log lines name the ARN.
 */
@ApplicationScoped
public class Secrets {
    private static final Logger LOG = Logger.getLogger(Secrets.class);

    /** A value and the moment it stops being reused; {@link #toString()} hides the value. */
    private record Cached(String value, Instant until) {
        @Override
        public String toString() {
            return "Cached[until=" + until + "]";
        }
    }

    private final SecretsConfig config;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient client;

    @Inject
    public Secrets(SecretsConfig config, Clock clock) {
        this(config, clock, null);
    }

    /** With a ready client (tests); null builds one from the configuration at the first read. */
    Secrets(SecretsConfig config, Clock clock, SecretsManagerClient client) {
        this.config = config;
        this.clock = clock;
        this.client = client;
    }

    /**
     * The secret's {@code SecretString}, from the cache while it is fresh.
     *
     * @throws SecretUnavailableException Secrets Manager failed or the secret holds no string
     */
    public String get(String arn) {
        Instant now = clock.instant();
        Cached c = cache.get(arn);
        if (c != null && now.isBefore(c.until())) {
            return c.value();
        }
        String value = fetch(arn);
        cache.put(arn, new Cached(value, now.plus(config.ttl())));
        return value;
    }

    /** Forgets a value that a server just refused, so the next read fetches the rotated one. */
    public void invalidate(String arn) {
        cache.remove(arn);
    }

    private String fetch(String arn) {
        String value;
        try {
            value = client().getSecretValue(b -> b.secretId(arn)).secretString();
        } catch (SdkException e) {
            LOG.warnf("secret %s could not be read: %s", arn, e.getClass().getSimpleName());
            throw new SecretUnavailableException("secret " + arn + " could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (value == null) {
            throw new SecretUnavailableException("secret " + arn + " holds no SecretString", null);
        }
        LOG.debugf("secret %s read", arn);
        return value;
    }

    private SecretsManagerClient client() {
        SecretsManagerClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    // region and credentials: the default chains (AWS_REGION and the role's keys in Lambda)
                    SecretsManagerClientBuilder b = SecretsManagerClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder());
                    config.endpointOverride().ifPresent(b::endpointOverride);
                    client = b.build();
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        SecretsManagerClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
