package dev.soctriage.triage.llm;

import java.util.function.Consumer;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * The model server's statuses as the domain's exceptions, where the REST client maps them (registered
 * on {@link ChatApi} by {@link ModelCalls}): 429 {@link ModelRateLimitedException} with the wait it
 * names, 5xx {@link ModelServerException}, any other status but 200 {@link ModelRequestRejectedException}
 * with the error's code (a 401 first tells the {@link ModelKey} its key was refused). Every answer's
 * rate-limit headers are handed to {@code seen} first.
 */
final class ModelStatusMapper implements ResponseExceptionMapper<ModelCallException> {
    private final ModelAnswers answers;
    private final ModelKey key;
    private final Consumer<Response> seen;

    ModelStatusMapper(ModelAnswers answers, ModelKey key, Consumer<Response> seen) {
        this.answers = answers;
        this.key = key;
        this.seen = seen;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status != 200;
    }

    @Override
    public ModelCallException toThrowable(Response response) {
        seen.accept(response);
        int status = response.getStatus();
        if (status == 429) {
            return new ModelRateLimitedException(ModelAnswers.rateLimitWait(response));
        }
        if (status >= 500) {
            return new ModelServerException("server error " + status);
        }
        if (status == 401) {
            key.refused();
        }
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new ModelRequestRejectedException("rejected " + status + answers.errorCode(body));
    }
}
