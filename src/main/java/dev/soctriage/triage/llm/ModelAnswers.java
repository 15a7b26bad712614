package dev.soctriage.triage.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.jboss.logging.Logger;

/**
 * Reads what the model server answered: a chat completion's verdict, parsed strictly and validated
 * against the verdict schema ({@link ModelVerdict}'s constraints); an error answer's code; the
 * rate-limit headers every answer carries. Stateless: the state those headers feed is {@link RateLimits}.
 */
@ApplicationScoped
public class ModelAnswers {
    private static final Logger LOG = Logger.getLogger(ModelAnswers.class);

    private final Validator validator;
    private final ObjectReader answerReader;
    private final ObjectReader envelopeReader;
    private final ObjectReader errorReader;

    public ModelAnswers(ObjectMapper mapper, Validator validator) {
        this.validator = validator;
        this.answerReader = mapper.readerFor(ModelVerdict.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.envelopeReader = mapper.readerFor(ChatResponse.class);
        this.errorReader = mapper.readerFor(ApiError.class);
    }

    /**
     * The verdict in a 200's body.
     *
     * @throws ModelAnswerInvalidException not a chat completion, or its content is no valid verdict
     */
    ModelVerdict verdict(String body) {
        ChatResponse envelope;
        try {
            envelope = envelopeReader.readValue(body);
        } catch (JsonProcessingException e) {
            throw new ModelAnswerInvalidException("answer envelope is not JSON");
        }
        if (envelope.choices() == null || envelope.choices().isEmpty() || envelope.choices().get(0).message() == null
                || envelope.choices().get(0).message().content() == null) {
            throw new ModelAnswerInvalidException("answer has no choices[0].message.content");
        }
        ModelVerdict v;
        try {
            v = answerReader.readValue(envelope.choices().get(0).message().content().strip());
        } catch (JsonProcessingException e) {
            throw new ModelAnswerInvalidException("content is not a JSON verdict (" + e.getClass().getSimpleName() + ")");
        }
        if (v == null) {
            throw new ModelAnswerInvalidException("content is null");
        }
        Set<ConstraintViolation<ModelVerdict>> violations = validator.validate(v);
        if (!violations.isEmpty()) {
            // property paths only: the invalid values are model output and may echo log text
            String paths = violations.stream().map(c -> c.getPropertyPath().toString()).sorted().distinct()
                    .reduce((a, b) -> a + "," + b).orElse("");
            throw new ModelAnswerInvalidException("content breaks the schema at " + paths);
        }
        if (envelope.usage() != null) {
            LOG.debugf("model answer %s: %d prompt tokens, %d completion tokens", envelope.id(),
                    envelope.usage().promptTokens(), envelope.usage().completionTokens());
        }
        return v;
    }

    /** " code" of an error body (its {@code error.code}, else {@code error.type}), only safe characters; "" for none. */
    String errorCode(String body) {
        try {
            ApiError err = errorReader.readValue(body);
            if (err != null && err.error() != null) {
                String code = err.error().code() != null ? err.error().code() : err.error().type();
                return code == null ? "" : " " + code.replaceAll("[^A-Za-z0-9_.-]", "");
            }
        } catch (JsonProcessingException e) {
            return " (error body not JSON)";
        }
        return "";
    }

    /** Feeds the rate-limit headers of an answer of any status to {@code limits}. */
    static void observeLimits(RateLimits limits, Instant now, Response response) {
        limits.observe(now, response.getHeaderString("x-ratelimit-remaining-requests"),
                response.getHeaderString("x-ratelimit-reset-requests"),
                response.getHeaderString("x-ratelimit-remaining-tokens"),
                response.getHeaderString("x-ratelimit-reset-tokens"));
    }

    /**
     * How long a 429 says to wait: its {@code retry-after}, else the reset of whichever window ran out;
     * null when it says neither.
     */
    static Duration rateLimitWait(Response response) {
        Duration wait = retryAfter(response.getHeaderString("retry-after"));
        if (wait == null) {
            wait = RateLimits.duration(response.getHeaderString("x-ratelimit-reset-requests"));
            Duration tokens = RateLimits.duration(response.getHeaderString("x-ratelimit-reset-tokens"));
            wait = wait == null || (tokens != null && tokens.compareTo(wait) > 0) ? tokens : wait;
        }
        return wait;
    }

    /** Seconds ("7", "2.5"); an HTTP date or garbage gives null (the backoff applies). */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            double s = Double.parseDouble(header.strip());
            return s < 0 ? null : Duration.ofMillis((long) Math.ceil(s * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
