package dev.soctriage.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.soctriage.ingest.IngestPipeline;
import dev.soctriage.ingest.IngestResult;
import io.quarkus.funqy.Funq;

/** {@code ingest-triage}: CloudWatch Logs subscriptions, S3 notifications (direct or EventBridge), direct invokes. */
public class IngestTriageFunction {
    @Inject
    IngestPipeline pipeline;

    @Funq("ingest-triage")
    public IngestResult ingestTriage(JsonNode event) {
        return pipeline.ingest(event);
    }
}
