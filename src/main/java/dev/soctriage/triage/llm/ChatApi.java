package dev.soctriage.triage.llm;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** An OpenAI-compatible chat-completions endpoint, built programmatically by {@link ModelClient}. */
@Path("/chat/completions")
public interface ChatApi {
    /** The raw response: the client reads status, headers and body itself (no default exception mapper). */
    @POST
    Uni<Response> complete(@HeaderParam("Authorization") String authorization, ChatRequest request);
}
