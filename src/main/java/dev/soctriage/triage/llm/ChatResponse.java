package dev.soctriage.triage.llm;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The parts of a {@code chat.completion} answer we read; the rest is ignored. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatResponse(String id, List<Choice> choices, Usage usage) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, ChatMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens) {
    }
}
