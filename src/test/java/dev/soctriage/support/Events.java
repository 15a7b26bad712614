package dev.soctriage.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the contract's input events exactly as AWS delivers them. */
public final class Events {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static ObjectNode direct(String source, List<String> lines) {
        ObjectNode e = JSON.createObjectNode().put("source", source);
        ArrayNode a = e.putArray("lines");
        lines.forEach(a::add);
        return e;
    }

    /** A CloudWatch Logs subscription DATA_MESSAGE, gzip + base64 as Lambda receives it. */
    public static ObjectNode cloudWatch(String logGroup, String logStream, List<String> messages, long firstTimestamp) {
        ObjectNode payload = JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("owner", "123456789012")
                .put("logGroup", logGroup).put("logStream", logStream);
        payload.putArray("subscriptionFilters").add("soc-triage");
        ArrayNode events = payload.putArray("logEvents");
        for (int i = 0; i < messages.size(); i++) {
            events.addObject().put("id", "3" + String.format("%055d", firstTimestamp + i))
                    .put("timestamp", firstTimestamp + i * 1000L).put("message", messages.get(i));
        }
        return awslogs(gzip(payload.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static ObjectNode cloudWatchControl() {
        ObjectNode payload = JSON.createObjectNode().put("messageType", "CONTROL_MESSAGE").put("owner", "CloudwatchLogs")
                .put("logGroup", "").put("logStream", "");
        payload.putArray("subscriptionFilters");
        payload.putArray("logEvents").addObject().put("id", "").put("timestamp", 1700000000000L)
                .put("message", "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.");
        return awslogs(gzip(payload.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static ObjectNode awslogs(byte[] data) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(data));
        return e;
    }

    /** An S3 event notification; the key is URL-encoded the way S3 encodes it (space as +). */
    public static ObjectNode s3Notification(String bucket, String key, long size) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode r = e.putArray("Records").addObject().put("eventVersion", "2.1").put("eventSource", "aws:s3")
                .put("awsRegion", "us-east-1").put("eventTime", "2026-11-24T10:00:00.000Z")
                .put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = r.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "soc-triage");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object").put("key", java.net.URLEncoder.encode(key, StandardCharsets.UTF_8)).put("size", size)
                .put("eTag", "0123456789abcdef0123456789abcdef").put("sequencer", "0055AED6DCD90281E5");
        return e;
    }

    public static ObjectNode eventBridgeObjectCreated(String bucket, String key, long size) {
        ObjectNode e = JSON.createObjectNode().put("version", "0").put("id", "17793124-05d4-b198-2fde-7ededc63b103")
                .put("detail-type", "Object Created").put("source", "aws.s3").put("account", "123456789012")
                .put("time", "2026-11-24T10:00:00Z").put("region", "us-east-1");
        e.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode d = e.putObject("detail").put("version", "0");
        d.putObject("bucket").put("name", bucket);
        d.putObject("object").put("key", key).put("size", size).put("etag", "b1946ac92492d2347c6235b4d2611184");
        d.put("reason", "PutObject");
        return e;
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** sshd lines of a brute force: {@code n} failed passwords for rotating users from one address. */
    public static List<String> sshBruteForce(String ip, int n) {
        String[] users = { "root", "admin", "ubuntu", "oracle", "test", "postgres" };
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(String.format("Nov 24 10:%02d:%02d ip-10-0-1-5 sshd[%d]: Failed password for %s from %s port %d ssh2",
                    i / 60 % 60, i % 60, 4000 + i, users[i % users.length], ip, 40000 + i));
        }
        return lines;
    }
}
