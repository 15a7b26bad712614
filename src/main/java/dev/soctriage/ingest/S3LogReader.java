package dev.soctriage.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * rest is kept. The object is streamed: read while it is processed, a chunk of lines at a time.
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

    /**
     * Opens the object: its delivery id comes from its ETag and version; its lines are read when the
     * batch is processed ({@link LogBatch#forEachChunk}), so a large object is never held whole.
     *
     * @throws SourceUnavailableException the object cannot be opened (transient: retried)
     */
    public LogBatch read(S3ObjectRef ref) {
        ResponseInputStream<GetObjectResponse> obj;
        try {
            obj = s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()));
        } catch (SdkException e) {
            throw new SourceUnavailableException("cannot read " + ref.uri() + ": " + e.getMessage(), e);
        }
        String version = obj.response().eTag() + "/" + obj.response().versionId();
        return LogBatch.streamed(ref.uri(), Digests.sha256Hex("s3", ref.uri(), version), new ObjectStream(ref, obj));
    }

    /** One S3 object's lines (or CloudTrail records), read once, chunk by chunk. */
    private final class ObjectStream implements EventStream {
        private final S3ObjectRef ref;
        private final ResponseInputStream<GetObjectResponse> obj;

        ObjectStream(S3ObjectRef ref, ResponseInputStream<GetObjectResponse> obj) {
            this.ref = ref;
            this.obj = obj;
        }

        @Override
        public long read(int chunk, Consumer<List<LogEvent>> sink, List<String> failures) {
            Chunker chunker = new Chunker(chunk, sink);
            try (obj) {
                InputStream in = new BufferedInputStream(obj, 64 * 1024);
                in = gunzipIfCompressed(in);
                in.mark(64);
                byte[] head = in.readNBytes(64);
                in.reset();
                if (looksLikeCloudTrail(head)) {
                    readCloudTrail(in, chunker, failures);
                } else {
                    LineReader.forEachLine(in, config.maxDecodedBytes(), chunker::add);
                }
                return chunker.flush();
            } catch (SdkException e) {
                throw new SourceUnavailableException("cannot read " + ref.uri() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new SourceUnavailableException("reading " + ref.uri() + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                obj.abort(); // unread: do not drain the rest of the object to reuse the connection
                obj.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    /** Numbers lines in delivery order and hands them on in chunks. */
    private static final class Chunker {
        private final int size;
        private final Consumer<List<LogEvent>> sink;
        private List<LogEvent> chunk;
        private long count;

        Chunker(int size, Consumer<List<LogEvent>> sink) {
            this.size = size;
            this.sink = sink;
            this.chunk = new ArrayList<>(size);
        }

        void add(String line) {
            chunk.add(new LogEvent(Long.toString(count++), 0L, line));
            if (chunk.size() == size) {
                sink.accept(chunk);
                chunk = new ArrayList<>(size);
            }
        }

        long flush() {
            if (!chunk.isEmpty()) {
                sink.accept(chunk);
                chunk = new ArrayList<>(0);
            }
            return count;
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

    private void readCloudTrail(InputStream in, Chunker events, List<String> failures) {
        int index = 0;
        try (JsonParser p = json.getFactory().createParser(new LimitedInputStream(in, config.maxDecodedBytes()))) {
            p.nextToken(); // {
            p.nextToken(); // "Records"
            p.nextToken(); // [
            JsonToken t;
            while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                JsonNode record = json.readTree(p);
                if (record != null && record.isObject()) {
                    events.add(UntrustedText.capLine(json.writeValueAsString(record)));
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
