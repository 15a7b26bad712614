package dev.soctriage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import dev.soctriage.model.LogEvent;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.IngestLimits;
import dev.soctriage.text.UntrustedText;

/**
 * Coverage-guided fuzzing of the envelope decoders: whatever the event, decoding returns batches or
 * fails with our own clear errors ({@link MalformedEventException}, {@link SourceUnavailableException}),
 * never anything else. The S3 object's bytes come from the fuzzer through an in-memory stand-in for
 * the AWS SDK's S3 client (the S3 API itself is exercised against S3Mock in IngestTriageTest).
 * {@code mvn test} replays the seed corpus; {@code make fuzz} fuzzes each for its maxDuration.
 */
class DecodersFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "20s")
    void anyEnvelope_decodesOrFailsClearly(FuzzedDataProvider data) {
        byte[] object = new byte[0];
        ObjectNode event;
        switch (data.consumeInt(0, 4)) {
            case 0 -> event = cloudWatch(data);
            case 1 -> {
                event = IngestEvents.s3Notification(data.consumeString(20), data.consumeString(40), data.consumeLong());
                if (data.consumeBoolean()) {
                    ((ObjectNode) event.get("Records").get(0)).put("eventName", data.consumeString(20));
                }
                object = data.consumeBytes(4096);
            }
            case 2 -> {
                event = IngestEvents.eventBridgeObjectCreated(data.consumeString(20), data.consumeString(40), 1);
                event.put("detail-type", data.consumeBoolean() ? "Object Created" : data.consumeString(15));
                object = data.consumeBytes(4096);
            }
            case 3 -> {
                event = JSON.createObjectNode().put("source", data.consumeString(600));
                ArrayNode lines = event.putArray("lines");
                int n = data.consumeInt(0, 20);
                for (int i = 0; i < n; i++) {
                    if (data.consumeBoolean()) {
                        lines.add(data.consumeString(200));
                    } else {
                        lines.add(data.consumeInt());
                    }
                }
            }
            default -> {
                try {
                    event = (ObjectNode) JSON.readTree(data.consumeRemainingAsBytes());
                } catch (Exception notAnObject) {
                    return; // Funqy refuses input that is not a JSON object before our code runs
                }
            }
        }
        decodeOrFailClearly(decoder(object), event);
    }

    @FuzzTest(maxDuration = "20s")
    void anyS3Object_readsOrFailsClearly(byte[] content) {
        boolean gzip = content.length > 0 && (content[0] & 1) == 1;
        byte[] body = gzip ? IngestEvents.gzip(content) : content;
        try (LogBatch b = reader(body).read(new S3ObjectRef("bucket", "key.log"))) {
            List<LogEvent> events = new java.util.ArrayList<>();
            long n = b.forEachChunk(7, events::addAll);
            assertEquals(n, events.size());
            for (LogEvent e : events) {
                assertTrue(UntrustedText.utf8Length(e.message()) <= UntrustedText.LINE_LIMIT, "a line over 64 KiB");
                assertTrue(!e.message().isBlank(), "a blank line was kept");
            }
        }
    }

    private static ObjectNode cloudWatch(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> JSON.createObjectNode().set("awslogs",
                    JSON.createObjectNode().put("data", data.consumeRemainingAsString()));
            case 1 -> IngestEvents.awslogs(IngestEvents.gzip(data.consumeRemainingAsBytes()));
            default -> {
                ObjectNode payload = JSON.createObjectNode()
                        .put("messageType", data.consumeBoolean() ? "DATA_MESSAGE" : data.consumeString(15))
                        .put("logGroup", data.consumeString(30)).put("logStream", data.consumeString(10));
                ArrayNode events = payload.putArray("logEvents");
                int n = data.consumeInt(0, 10);
                for (int i = 0; i < n; i++) {
                    ObjectNode e = events.addObject().put("id", data.consumeString(10)).put("timestamp", data.consumeLong());
                    if (data.consumeBoolean()) {
                        e.put("message", data.consumeString(300));
                    }
                }
                yield IngestEvents.awslogs(IngestEvents.gzip(payload.toString().getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    private static void decodeOrFailClearly(EnvelopeDecoder decoder, ObjectNode event) {
        try {
            List<LogBatch> batches = decoder.decode(event);
            assertNotNull(batches);
            for (LogBatch b : batches) {
                assertNotNull(b.source());
                assertNotNull(b.deliveryId());
            }
        } catch (MalformedEventException | SourceUnavailableException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        }
    }

    private static EnvelopeDecoder decoder(byte[] object) {
        IngestConfig config = config();
        return new EnvelopeDecoder(new CloudWatchDecoder(JSON, config), new DirectDecoder(config),
                new S3LogReader(objectStore(object), JSON, config));
    }

    private static S3LogReader reader(byte[] object) {
        return new S3LogReader(objectStore(object), JSON, config());
    }

    /** Serves every GetObject with the fuzzer's bytes. */
    private static S3Client objectStore(byte[] object) {
        return new S3Client() {
            @Override
            public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
                return new ResponseInputStream<>(GetObjectResponse.builder().eTag("\"fuzz\"").build(),
                        AbortableInputStream.create(new ByteArrayInputStream(object)));
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {
            }
        };
    }

    /** The production limits, smaller where the fuzzer would otherwise spend its time on size. */
    private static IngestConfig config() {
        return IngestLimits.defaults().withMaxDecodedBytes(1 << 20).withMaxDirectLines(1000);
    }
}
