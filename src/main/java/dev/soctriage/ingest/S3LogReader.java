package dev.soctriage.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import dev.soctriage.model.LogEvent;
import dev.soctriage.text.Digests;

/**
 * Reads a log object through the S3 API — the version the notification names, when it names one — gzip
 * (by its magic bytes, whatever the name says) or plain text, one log line a line. A CloudTrail file —
 * the whole object one JSON object with {@code Records} and nothing after it ({@link CloudTrailDocument})
 * — becomes one event per record; a record that is not a JSON object is counted as failed and the rest is
 * kept. Anything else, an application's {@code {"Records":[...]}} line followed by more lines included,
 * is read as lines: no byte is skipped. The object is streamed, a chunk of lines at a time; an object
 * that starts like a CloudTrail file is read twice, from memory up to {@link #CLOUDTRAIL_HOLD} bytes,
 * beyond that by a second GET of the same version (or ETag). A read that breaks (network error, fewer
 * bytes than announced) is no bad content: {@link SourceUnavailableException}, so the platform retries
 * the whole object and no delivery marker is written.
 */
@ApplicationScoped
public class S3LogReader {
    /** Decompressed bytes of a CloudTrail-looking object kept in memory while its shape is read. */
    static final int CLOUDTRAIL_HOLD = 16 * 1024 * 1024;

    private final S3Client s3;
    private final ObjectMapper json;
    private final IngestConfig config;
    private final int hold;

    @Inject
    public S3LogReader(S3Client s3, ObjectMapper json, IngestConfig config) {
        this(s3, json, config, CLOUDTRAIL_HOLD);
    }

    /** With another hold than {@link #CLOUDTRAIL_HOLD} (tests of the second reading). */
    S3LogReader(S3Client s3, ObjectMapper json, IngestConfig config, int hold) {
        this.s3 = s3;
        this.json = json;
        this.config = config;
        this.hold = hold;
    }

    /**
     * Opens the object: its delivery id comes from its ETag and version; its lines are read when the
     * batch is processed ({@link LogBatch#forEachChunk}), so a large object is never held whole.
     *
     * @throws SourceUnavailableException the object cannot be opened (transient: retried)
     */
    public LogBatch read(S3ObjectRef ref) {
        ResponseInputStream<GetObjectResponse> obj = get(ref, null);
        String version = obj.response().eTag() + "/" + obj.response().versionId();
        return LogBatch.streamed(ref.uri(), Digests.sha256Hex("s3", ref.uri(), version), new ObjectStream(ref, obj));
    }

    /** GetObject of the version {@code ref} names, else of {@code eTag} when given (a second reading). */
    private ResponseInputStream<GetObjectResponse> get(S3ObjectRef ref, String eTag) {
        try {
            return s3.getObject(b -> {
                b.bucket(ref.bucket()).key(ref.key());
                if (ref.versionId() != null) {
                    b.versionId(ref.versionId());
                } else if (eTag != null) {
                    b.ifMatch(eTag);
                }
            });
        } catch (SdkException e) {
            throw new SourceUnavailableException("cannot read " + ref.uri() + ": " + e.getMessage(), e);
        }
    }

    /** One S3 object's lines (or CloudTrail records), read once, chunk by chunk. */
    private final class ObjectStream implements EventStream {
        private final S3ObjectRef ref;
        private ResponseInputStream<GetObjectResponse> obj;

        ObjectStream(S3ObjectRef ref, ResponseInputStream<GetObjectResponse> obj) {
            this.ref = ref;
            this.obj = obj;
        }

        @Override
        public long read(int chunk, Consumer<List<LogEvent>> sink, List<String> failures) {
            Chunker chunker = new Chunker(chunk, sink);
            try {
                InputStream in = open(obj);
                in.mark(64);
                byte[] head = in.readNBytes(64);
                in.reset();
                boolean cloudTrail = false;
                if (CloudTrailDocument.startsLike(head)) {
                    in.mark(hold);
                    cloudTrail = CloudTrailDocument.isWhole(json, in, config.maxDecodedBytes());
                    in = rewind(in);
                }
                if (cloudTrail) {
                    CloudTrailDocument.readRecords(json, in, config.maxDecodedBytes(), chunker::add, failures);
                } else {
                    LineReader.forEachLine(in, config.maxDecodedBytes(), chunker::add);
                }
                return chunker.flush();
            } catch (SdkException e) {
                throw new SourceUnavailableException("cannot read " + ref.uri() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new SourceUnavailableException("reading " + ref.uri() + " failed: " + e.getMessage(), e);
            } finally {
                close();
            }
        }

        private InputStream open(ResponseInputStream<GetObjectResponse> o) throws IOException {
            return gunzipIfCompressed(new BufferedInputStream(
                    new SourceStream(o, ref.uri(), o.response().contentLength()), 64 * 1024));
        }

        /** Back to the object's first byte: from memory, or past the hold by reading the same object again. */
        private InputStream rewind(InputStream in) throws IOException {
            try {
                in.reset();
                return in;
            } catch (IOException markPassed) {
                String eTag = obj.response().eTag();
                close();
                obj = get(ref, eTag);
                return open(obj);
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
}
