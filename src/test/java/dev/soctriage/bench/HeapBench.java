package dev.soctriage.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.fixtures.IngestLimits;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.group.GroupingSession;
import dev.soctriage.ingest.LogBatch;
import dev.soctriage.ingest.S3LogReader;
import dev.soctriage.ingest.S3ObjectRef;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.Signatures;

/**
 * {@code make bench}, memory part (issue 11): a large S3 object read, parsed and grouped as
 * {@code ingest-triage} does it (S3LogReader's stream, chunks of 4,096 lines, the production
 * classifier and grouper), in a JVM started with the heap of a 512 MB Lambda ({@code -Xmx435m}).
 * The object — the mixed bench corpus with 250 web clients, repeated to the size asked — is generated
 * while it is read and served through an S3 client, never held. Prints the peak heap: the sum of
 * every heap pool's peak (an upper bound: the pools did not all peak at once).
 *
 * <p>Argument: object size in MB (default 200).
 */
public final class HeapBench {
    public static void main(String[] args) {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 200;
        long bytes = mb * 1_000_000;
        S3LogReader reader = new S3LogReader(serving(bytes), new ObjectMapper(), IngestLimits.defaults());
        Parsers parsers = new Parsers(Clock.systemUTC());
        Grouper grouper = new Grouper();
        long t0 = System.nanoTime();
        GroupingSession session = grouper.session(new Signatures(), Clock.systemUTC(), Instant.MAX);
        long events;
        try (LogBatch batch = reader.read(new S3ObjectRef("bench", "big.log"))) {
            events = batch.forEachChunk(4096, chunk -> session.add(parsers.parseAll(chunk)));
        }
        List<EventGroup> groups = session.finish();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("| peak heap, %d MB S3 object (%,d lines) streamed through parse and group, -Xmx%d MB | %d MB "
                + "(%,d groups, %,d ms) | < 400 MB |%n", mb, events, Runtime.getRuntime().maxMemory() / 1_048_576,
                peak / 1_048_576, groups.size(), ms);
    }

    /** Serves every GetObject with a stream of corpus lines, {@code bytes} long, generated as it is read. */
    private static S3Client serving(long bytes) {
        return new S3Client() {
            @Override
            public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
                return new ResponseInputStream<>(GetObjectResponse.builder().eTag("\"bench\"").build(),
                        AbortableInputStream.create(new CorpusStream(bytes)));
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

    /** The bench corpus, 10,000 lines at a time, until {@code size} bytes were served. */
    private static final class CorpusStream extends InputStream {
        private final Corpus corpus = new Corpus(42, 250);
        private long left;
        private ByteArrayInputStream current = new ByteArrayInputStream(new byte[0]);

        CorpusStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = current.read(b, off, (int) Math.min(len, left));
            if (n <= 0) {
                StringBuilder s = new StringBuilder(2_000_000);
                for (Corpus.Line l : corpus.lines(10_000)) {
                    s.append(new String(l.bytes(), StandardCharsets.UTF_8)).append('\n');
                }
                current = new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8));
                n = current.read(b, off, (int) Math.min(len, left));
            }
            left -= n;
            return n;
        }
    }
}
