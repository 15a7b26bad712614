package dev.soctriage.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import dev.soctriage.model.LogEvent;
import dev.soctriage.text.Digests;
import dev.soctriage.text.UntrustedText;

/**
 * Reads a log object through the S3 API: gzip (by its magic bytes, whatever the name says) or
 * plain text, one log line a line. A CloudTrail file ({@code {"Records":[...]}}) becomes one event
 * per record; a record that is not a JSON object, or a file cut short, is counted as failed and the
 * rest is kept.
 */
@ApplicationScoped
public class S3LogReader {
    private final S3Client s3;
    private final ObjectMapper json;
    private final IngestConfig config;

    public S3LogReader(S3Client s3, ObjectMapper json, IngestConfig config) {
        this.s3 = s3;
        this.json = json;
        this.config = config;
    }

    public LogBatch read(S3ObjectRef ref) {
        try (ResponseInputStream<GetObjectResponse> obj = s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()))) {
            String version = obj.response().eTag() + "/" + obj.response().versionId();
            InputStream in = new BufferedInputStream(obj, 64 * 1024);
            in = gunzipIfCompressed(in);
            List<LogEvent> events = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            in.mark(64);
            byte[] head = in.readNBytes(64);
            in.reset();
            if (looksLikeCloudTrail(head)) {
                readCloudTrail(in, events, failures);
            } else {
                LineReader.forEachLine(in, config.maxDecodedBytes(),
                        line -> events.add(new LogEvent(Integer.toString(events.size()), 0L, line)));
            }
            return new LogBatch(ref.uri(), Digests.sha256Hex("s3", ref.uri(), version), events, failures, false);
        } catch (SdkException e) {
            throw new SourceUnavailableException("cannot read " + ref.uri() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceUnavailableException("reading " + ref.uri() + " failed: " + e.getMessage(), e);
        }
    }

    private static InputStream gunzipIfCompressed(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024) : in;
    }

    private static final java.util.regex.Pattern CLOUDTRAIL_HEAD =
            java.util.regex.Pattern.compile("^\\s*\\{\\s*\"Records\"\\s*:\\s*\\[");

    private static boolean looksLikeCloudTrail(byte[] head) {
        return CLOUDTRAIL_HEAD.matcher(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)).find();
    }

    private void readCloudTrail(InputStream in, List<LogEvent> events, List<String> failures) {
        int index = 0;
        try (JsonParser p = json.getFactory().createParser(new LimitedInputStream(in, config.maxDecodedBytes()))) {
            p.nextToken(); // {
            p.nextToken(); // "Records"
            p.nextToken(); // [
            JsonToken t;
            while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                JsonNode record = json.readTree(p);
                if (record != null && record.isObject()) {
                    events.add(new LogEvent(Integer.toString(index), 0L, UntrustedText.capLine(json.writeValueAsString(record))));
                } else {
                    failures.add("Records[" + index + "]: not a JSON object");
                }
                index++;
            }
        } catch (IOException e) {
            // a syntax error cannot be resynchronised: what was read stays, the rest is one failure
            failures.add("Records[" + index + "..]: CloudTrail file is not valid JSON from here on ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
