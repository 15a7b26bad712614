package dev.soctriage.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;

import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;

/** {@code ingest-triage}: CloudWatch Logs subscriptions, S3 notifications (direct or EventBridge), direct invokes. */
public class IngestTriageFunction {
    @Inject
    IngestPipeline pipeline;

    @Funq("ingest-triage")
    public IngestResult ingestTriage(JsonNode event) {
        return pipeline.ingest(event);
    }
}
