package dev.soctriage.triage.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An error answer: {@code {"error":{"message","type","code","failed_generation"}}}; only type and code are read. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(Body error) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(String type, String code) {
    }
}
