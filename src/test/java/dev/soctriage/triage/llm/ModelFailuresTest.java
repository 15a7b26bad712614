package dev.soctriage.triage.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a model call without a 200 becomes: the status mapper's domain exception, wherever the REST
 * client wrapped it; a timeout told by its type along the cause chain (never by a class name); else
 * unreachable.
 */
class ModelFailuresTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ModelStatusMapper mapper = new ModelStatusMapper(new ModelAnswers(new ObjectMapper(), null),
            new ModelKey(new SmallRyeConfigBuilder().withMapping(LlmConfig.class)
                    .withDefaultValue("triage.llm.api-key", "k").build().getConfigMapping(LlmConfig.class), null),
            r -> { });

    @Test
    void timeouts_areToldByType_alongTheCauseChain() {
        assertInstanceOf(ModelTimeoutException.class, ModelCalls.failure(
                new ProcessingException(new io.vertx.core.impl.NoStackTraceTimeoutException("idle")), TIMEOUT));
        assertInstanceOf(ModelTimeoutException.class,
                ModelCalls.failure(new CompletionException(new SocketTimeoutException("read")), TIMEOUT));
        assertInstanceOf(ModelTimeoutException.class,
                ModelCalls.failure(new ProcessingException(new HttpTimeoutException("jdk")), TIMEOUT));
        assertInstanceOf(ModelTimeoutException.class,
                ModelCalls.failure(new io.smallrye.mutiny.TimeoutException(), TIMEOUT));
        assertEquals("no answer within 2000 ms",
                ModelCalls.failure(new ProcessingException(new io.netty.channel.ConnectTimeoutException("c")), TIMEOUT)
                        .getMessage());
    }

    @Test
    void aNameOrMessageSayingTimeout_isNoTimeout() {
        class TimeoutLookingException extends RuntimeException {
            TimeoutLookingException() {
                super("Timeout");
            }
        }
        ModelCallException e = ModelCalls.failure(new ProcessingException(new TimeoutLookingException()), TIMEOUT);
        assertInstanceOf(ModelUnreachableException.class, e);
        assertEquals("connection failed: ProcessingException", e.getMessage());
        assertInstanceOf(ModelUnreachableException.class,
                ModelCalls.failure(new ProcessingException(new ConnectException("refused")), TIMEOUT));
    }

    @Test
    void theMappersException_comesOutAsItIs_howeverWrapped() {
        ModelServerException server = new ModelServerException("server error 503");
        assertSame(server, ModelCalls.failure(new ProcessingException(new CompletionException(server)), TIMEOUT));
    }

    @Test
    void statuses_becomeTheDomainExceptions() {
        ModelCallException limited = mapper.toThrowable(Response.status(429).header("retry-after", "7").build());
        assertEquals(Duration.ofSeconds(7), ((ModelRateLimitedException) limited).retryAfter().orElseThrow());
        ModelCallException byReset = mapper.toThrowable(Response.status(429)
                .header("x-ratelimit-reset-requests", "40s").header("x-ratelimit-reset-tokens", "1.5s").build());
        assertEquals(Duration.ofSeconds(40), ((ModelRateLimitedException) byReset).retryAfter().orElseThrow());
        assertEquals("server error 503", assertInstanceOf(ModelServerException.class,
                mapper.toThrowable(Response.status(503).build())).getMessage());
        assertEquals("rejected 401 (error body not JSON)", assertInstanceOf(ModelRequestRejectedException.class,
                mapper.toThrowable(Response.status(401).build())).getMessage());
        assertEquals(true, mapper.handles(204, null));
        assertEquals(false, mapper.handles(200, null));
    }
}
