package dev.soctriage.triage.llm;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * An OpenAI-compatible chat-completions endpoint, built programmatically by {@link ModelCalls}, statuses
 * other than 200 mapped by {@link ModelStatusMapper}.
 */
@Path("/chat/completions")
public interface ChatApi {
    /** A 200's raw response: its headers and body are read by {@link ModelAnswers}. */
    @POST
    Uni<Response> complete(@HeaderParam("Authorization") String authorization, ChatRequest request);
}
