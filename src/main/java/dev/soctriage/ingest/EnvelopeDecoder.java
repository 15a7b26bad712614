package dev.soctriage.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises which of the contract's four input shapes an invocation carries and decodes it. The
 * whole envelope is checked before any object is read, so a malformed event fails without effects.
 */
@ApplicationScoped
public class EnvelopeDecoder {
    private final CloudWatchDecoder cloudWatch;
    private final DirectDecoder direct;
    private final S3LogReader s3;

    public EnvelopeDecoder(CloudWatchDecoder cloudWatch, DirectDecoder direct, S3LogReader s3) {
        this.cloudWatch = cloudWatch;
        this.direct = direct;
        this.s3 = s3;
    }

    /**
     * @return one batch per log source in the event (an S3 notification may name several objects); an
     *         S3 object's batch is opened here and read while it is processed: close each batch
     * @throws MalformedEventException     the envelope is not one of the four shapes or is broken
     * @throws SourceUnavailableException  an S3 object could not be read (transient: retried)
     */
    public List<LogBatch> decode(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new MalformedEventException("event must be a JSON object: a CloudWatch Logs subscription, "
                    + "an S3 notification, an EventBridge Object Created event, or {\"source\",\"lines\"}");
        }
        if (event.has("awslogs")) {
            return List.of(cloudWatch.decode(event.get("awslogs")));
        }
        if (event.has("Records")) {
            List<LogBatch> batches = new ArrayList<>();
            try {
                for (S3ObjectRef ref : S3Events.fromNotification(event.get("Records"))) {
                    batches.add(s3.read(ref));
                }
            } catch (RuntimeException e) {
                batches.forEach(LogBatch::close); // objects opened before the one that failed
                throw e;
            }
            return batches;
        }
        if ("aws.s3".equals(event.path("source").asText(null)) && event.has("detail-type")) {
            return List.of(s3.read(S3Events.fromEventBridge(event)));
        }
        if (event.has("lines")) {
            return List.of(direct.decode(event));
        }
        throw new MalformedEventException("unrecognised event: expected a CloudWatch Logs subscription (awslogs), "
                + "an S3 notification (Records), an EventBridge Object Created event, or {\"source\",\"lines\"}");
    }
}
