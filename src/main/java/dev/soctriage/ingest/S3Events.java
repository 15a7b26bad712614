package dev.soctriage.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The two ways S3 announces a new object: an S3 event notification ({@code Records[].s3}, keys
 * URL-encoded with {@code +} for spaces) and EventBridge's {@code Object Created} (keys as they are).
 * Both name the object's version on a versioned bucket ({@code versionId}, {@code version-id}): that
 * version is read, not whatever overwrote it since.
 */
final class S3Events {
    private S3Events() {
    }

    static List<S3ObjectRef> fromNotification(JsonNode records) {
        if (!records.isArray() || records.isEmpty()) {
            throw new MalformedEventException("S3 notification: Records must be a non-empty array");
        }
        List<S3ObjectRef> refs = new ArrayList<>(records.size());
        int i = 0;
        for (JsonNode r : records) {
            if (!"aws:s3".equals(r.path("eventSource").asText())) {
                throw new MalformedEventException("S3 notification: Records[" + i + "].eventSource must be aws:s3");
            }
            String eventName = r.path("eventName").asText("");
            if (eventName.startsWith("s3:TestEvent") || (!eventName.isEmpty() && !eventName.startsWith("ObjectCreated"))) {
                i++;
                continue; // only new objects carry logs
            }
            String bucket = r.path("s3").path("bucket").path("name").asText("");
            String key = r.path("s3").path("object").path("key").asText("");
            refs.add(ref("S3 notification: Records[" + i + "]", bucket, decodeKey(key, i),
                    r.path("s3").path("object").path("versionId").asText("")));
            i++;
        }
        return refs;
    }

    static S3ObjectRef fromEventBridge(JsonNode event) {
        if (!"Object Created".equals(event.path("detail-type").asText())) {
            throw new MalformedEventException("EventBridge event: detail-type must be \"Object Created\"");
        }
        JsonNode detail = event.path("detail");
        return ref("EventBridge Object Created", detail.path("bucket").path("name").asText(""),
                detail.path("object").path("key").asText(""), detail.path("object").path("version-id").asText(""));
    }

    /** {@code versionId} empty: the notification names none (an unversioned bucket). */
    private static S3ObjectRef ref(String where, String bucket, String key, String versionId) {
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new MalformedEventException(where + ": bucket name and object key are required");
        }
        return new S3ObjectRef(bucket, key, versionId.isBlank() ? null : versionId);
    }

    private static String decodeKey(String key, int i) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("S3 notification: Records[" + i + "].s3.object.key is not URL-encoded");
        }
    }
}
