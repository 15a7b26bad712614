package dev.soctriage.remediate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The part of Kestra's Execution JSON soc-triage reads. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record KestraExecution(String id, String namespace, String flowId, State state, List<Label> labels) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(String current) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(String key, String value) {
    }

    /** Kestra's {@code PagedResults}: one page of a search. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<KestraExecution> results, long total) {
    }
}
