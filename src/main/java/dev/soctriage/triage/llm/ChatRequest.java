package dev.soctriage.triage.llm;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@code POST /chat/completions}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(String model, List<ChatMessage> messages, double temperature,
        @JsonProperty("max_completion_tokens") int maxCompletionTokens,
        @JsonProperty("response_format") Map<String, Object> responseFormat,
        @JsonProperty("reasoning_effort") String reasoningEffort) {
}
