package dev.soctriage.remediate;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.logging.Logger;

import dev.soctriage.secrets.SecretUnavailableException;
import dev.soctriage.secrets.Secrets;
import dev.soctriage.text.Texts;
import dev.soctriage.verdict.Verdict;

/**
 * Creates remediation executions in Kestra and finds the one an earlier approval created. The flow is
 * always {@link dev.soctriage.model.Action#flow()} of the stored verdict, never model text.
 */
@ApplicationScoped
public class KestraClient {
    private static final Logger LOG = Logger.getLogger(KestraClient.class);
    private static final int MAX_ERROR = 500;

    private final KestraConfig config;
    private final ObjectMapper mapper;
    private final KestraApi api;
    private final String notConfigured;
    /** Reads {@link KestraConfig#secretArn()}; null for clients built by hand with plain credentials. */
    private final Secrets secrets;

    public KestraClient(KestraConfig config, ObjectMapper mapper) {
        this(config, mapper, null);
    }

    @Inject
    public KestraClient(KestraConfig config, ObjectMapper mapper, Secrets secrets) {
        this.config = config;
        this.mapper = mapper;
        this.secrets = secrets;
        String url = config.url().map(String::trim).orElse("");
        KestraApi built = null;
        String why = null;
        if (url.isEmpty()) {
            why = "KESTRA_URL is not set";
        } else {
            try {
                URI base = URI.create(url);
                if (base.getScheme() == null || base.getHost() == null) {
                    why = "KESTRA_URL is not an absolute http(s) URL";
                } else {
                    // a hung TLS handshake must end as a handshake failure (nothing sent), not as the
                    // call's timeout, which also bounds getting a connection (may have been sent)
                    long handshake = config.connectTimeout().toMillis();
                    built = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .httpClientOptionsCustomizer(o -> o.setSslHandshakeTimeout(handshake)
                                    .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS))
                            .build(KestraApi.class);
                }
            } catch (IllegalArgumentException e) {
                why = "KESTRA_URL is not a valid URL";
            }
        }
        this.api = built;
        this.notConfigured = why;
        if (why != null) {
            LOG.warnf("Kestra dispatch disabled: %s; approvals will end DISPATCH_FAILED", why);
        }
    }

    /**
     * Creates one execution of the verdict's flow. @return Kestra's execution id
     *
     * @throws KestraUnavailableException not configured, unreachable, timed out, 5xx
     * @throws KestraRejectedException    4xx
     * @see KestraDispatchException#mayHaveCreated()
     */
    public String create(Verdict v, String approvedBy, String comment) {
        KestraApi kestra = api();
        List<String> labels = List.of("verdictId:" + v.id(), "system.correlationId:" + v.id());
        KestraExecution e = call("create execution", true, () -> kestra.create(authorization(), config.tenant(),
                config.namespace(), v.action().flow(), labels, v.id(), v.action().wire(), orEmpty(v.target()),
                v.severity().wire(), v.threatType(), approvedBy, orEmpty(comment)));
        if (e == null || e.id() == null || e.id().isBlank()) {
            throw new KestraUnavailableException("Kestra answered without an execution id", null);
        }
        return e.id();
    }

    /**
     * The id of an execution in our namespace labelled {@code verdictId:<id>}, if Kestra has one: an
     * earlier approval whose answer was lost (timeout) may have created it.
     */
    public Optional<String> findExecution(String verdictId) {
        KestraApi kestra = api();
        KestraExecution.Page page = call("search executions", false,
                () -> kestra.searchByVerdict(authorization(), config.tenant(), config.namespace(), verdictId, 10));
        if (page == null || page.results() == null) {
            return Optional.empty();
        }
        return page.results().stream()
                .filter(e -> e.id() != null && config.namespace().equals(e.namespace()) && e.labels() != null
                        && e.labels().stream().anyMatch(l -> "verdictId".equals(l.key()) && verdictId.equals(l.value())))
                .map(KestraExecution::id).findFirst();
    }

    /** How long after a failed dispatch a search for its execution is not trusted ({@link KestraConfig#dispatchGrace()}). */
    public java.time.Duration dispatchGrace() {
        return config.dispatchGrace();
    }

    private KestraApi api() {
        if (api == null) {
            throw new KestraUnavailableException(notConfigured, null, false);
        }
        return api;
    }

    /**
     * Runs one Kestra call, its failures as domain exceptions whose message is what the verdict shows
     * (no host, address or port: {@link KestraFailures}); the detail goes to the log. {@code creates}:
     * the call creates an execution, so a failure after the request may have left (5xx, read timeout,
     * reset) may have created one all the same; one that sent nothing did not.
     */
    private <T> T call(String what, boolean creates, Supplier<T> op) {
        try {
            return op.get();
        } catch (SecretUnavailableException e) {
            // read before the request is sent: nothing reached Kestra
            throw new KestraUnavailableException("Kestra credentials unavailable: " + e.getMessage(), e, false);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 401 && secrets != null) {
                // refused credentials: the next call reads the secret again (it may have been rotated)
                config.secretArn().ifPresent(secrets::invalidate);
            }
            String message = messageOf(e);
            LOG.warnf("Kestra %s answered %d%s", what, status, message);
            String detail = "Kestra " + what + " answered " + status + KestraFailures.scrub(message, config);
            if (status >= 400 && status < 500) {
                throw new KestraRejectedException(status, detail, e);
            }
            throw new KestraUnavailableException(creates ? detail + "; the execution may have been created" : detail,
                    e, creates);
        } catch (ProcessingException e) {
            KestraFailures.Unanswered failure = KestraFailures.classify(e, config);
            LOG.warnf("Kestra %s failed (%s): %s", what, failure.sent() ? "may have been sent" : "nothing sent",
                    cap(KestraFailures.detail(e)));
            String shown = "Kestra " + what + " failed: " + failure.shown()
                    + (creates && failure.sent() ? "; the execution may have been created" : "");
            throw new KestraUnavailableException(shown, e, creates && failure.sent());
        }
    }

    /** Kestra's error answer is JSON with a {@code message}; keep that (capped), or the raw text. */
    private String messageOf(WebApplicationException e) {
        String body;
        try {
            body = e.getResponse().readEntity(String.class);
        } catch (RuntimeException unreadable) {
            LOG.debugf("Kestra error body unreadable: %s", unreadable.getClass().getSimpleName());
            return "";
        }
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode n = mapper.readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return ": " + cap(n.get("message").asText());
            }
        } catch (IOException notJson) {
            LOG.debug("Kestra error body is not JSON");
        }
        return ": " + cap(body);
    }

    private String authorization() {
        Optional<String> arn = config.secretArn().filter(a -> !a.isBlank());
        if (arn.isPresent()) {
            return fromSecret(arn.get());
        }
        Optional<String> token = config.apiToken().filter(t -> !t.isBlank());
        if (token.isPresent()) {
            return "Bearer " + token.get();
        }
        Optional<String> user = config.username().filter(u -> !u.isBlank());
        if (user.isPresent()) {
            String pair = user.get() + ":" + config.password().orElse("");
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** {@code {"apiToken"}} gives a bearer token, {@code {"username","password"}} basic auth. */
    private String fromSecret(String arn) {
        if (secrets == null) {
            throw new SecretUnavailableException("KESTRA_SECRET_ARN is set but no secrets reader is configured", null);
        }
        JsonNode n;
        try {
            n = mapper.readTree(secrets.get(arn));
        } catch (IOException e) {
            // the parser's message may quote the secret: name only the ARN
            throw new SecretUnavailableException("secret " + arn + " is not JSON", null);
        }
        String token = n == null ? "" : n.path("apiToken").asText("");
        String user = n == null ? "" : n.path("username").asText("");
        if (!token.isBlank()) {
            return "Bearer " + token;
        }
        if (!user.isBlank()) {
            String pair = user + ":" + n.path("password").asText("");
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        throw new SecretUnavailableException("secret " + arn + " holds neither apiToken nor username", null);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String cap(String s) {
        return Texts.cap(s.replaceAll("[\\r\\n\\t]+", " ").strip(), MAX_ERROR);
    }
}
