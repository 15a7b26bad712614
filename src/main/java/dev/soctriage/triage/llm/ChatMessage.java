package dev.soctriage.triage.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One message of an OpenAI-compatible chat: {@code system}, {@code user} or {@code assistant}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(String role, String content) {
}
