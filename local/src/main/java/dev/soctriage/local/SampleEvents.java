package dev.soctriage.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code ingest-triage} events that {@code make run} sends, built from the sample logs in
 * {@code local/src/main/resources/samples/}: the auth.log as AWS delivers a CloudWatch Logs subscription
 * (gzip, then base64, of the DATA_MESSAGE JSON), the nginx access log as a direct invoke.
 */
public final class SampleEvents {
    public static final String AUTH_LOG = "samples/auth.log";
    public static final String ACCESS_LOG = "samples/nginx-access.log";
    /** The log group the auth.log arrives from; it becomes the verdicts' {@code source}. */
    public static final String AUTH_LOG_GROUP = "/aws/ec2/auth";
    public static final String ACCESS_SOURCE = "nginx/access";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SYSLOG_TIME = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);

    private SampleEvents() {
    }

    /** {@code {"awslogs":{"data":"<base64 of gzip of the DATA_MESSAGE>"}}} carrying every line of auth.log. */
    public static String cloudWatchAuthLog() {
        List<String> lines = lines(AUTH_LOG);
        ObjectNode message = JSON.createObjectNode();
        message.put("messageType", "DATA_MESSAGE").put("owner", "000000000000").put("logGroup", AUTH_LOG_GROUP)
                .put("logStream", "i-0abc1234def567890");
        message.putArray("subscriptionFilters").add("soc-triage");
        ArrayNode events = message.putArray("logEvents");
        long fallback = System.currentTimeMillis();
        for (int i = 0; i < lines.size(); i++) {
            long ts = syslogTime(lines.get(i), fallback);
            events.addObject().put("id", eventId(ts, i)).put("timestamp", ts).put("message", lines.get(i));
        }
        return cloudWatchEnvelope(message.toString());
    }

    /** A CloudWatch Logs subscription's event: {@code {"awslogs":{"data":"<base64 of gzip of the message>"}}}. */
    public static String cloudWatchEnvelope(String message) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gzip(message)));
        return envelope.toString();
    }

    /** {@code {"source":"nginx/access","lines":[...]}}. */
    public static String directAccessLog() {
        ObjectNode event = JSON.createObjectNode();
        event.put("source", ACCESS_SOURCE);
        ArrayNode ls = event.putArray("lines");
        lines(ACCESS_LOG).forEach(ls::add);
        return event.toString();
    }

    public static List<String> lines(String resource) {
        try (InputStream in = SampleEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CloudWatch event ids are 56 decimal digits; these are stable for the same line position and time. */
    static String eventId(long timestamp, int index) {
        String digits = BigInteger.valueOf(timestamp).shiftLeft(64).add(BigInteger.valueOf(index)).toString();
        return "0".repeat(Math.max(0, 56 - digits.length())) + digits;
    }

    /** The syslog time at the start of the line, in this year, UTC; the fallback when there is none. */
    static long syslogTime(String line, long fallback) {
        if (line.length() < 15) {
            return fallback;
        }
        try {
            String stamp = Year.now(ZoneOffset.UTC) + " " + line.substring(0, 15).replaceAll("\\s+", " ");
            return LocalDateTime.parse(stamp, SYSLOG_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /** The UTF-8 bytes of the text, gzip'd (an S3 object's or a subscription's body). */
    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
