package dev.soctriage.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object's bytes as S3 sends them, where a failure to receive them is told apart from what they
 * say: a network error while reading, or an end before the announced length, is
 * {@link SourceUnavailableException} (unchecked, so no parser above takes it for bad content); the
 * platform retries, and the delivery is not marked done.
 */
final class SourceStream extends FilterInputStream {
    private final String uri;
    /** the announced length, or -1 when unknown */
    private final long length;
    private long read;

    SourceStream(InputStream in, String uri, Long length) {
        super(in);
        this.uri = uri;
        this.length = length == null ? -1 : length;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw broken(e);
        }
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw broken(e);
        }
        count(n);
        return n;
    }

    private void count(int n) {
        if (n > 0) {
            read += n;
        } else if (n < 0 && length >= 0 && read < length) {
            throw new SourceUnavailableException("reading " + uri + " ended after " + read + " of " + length + " bytes",
                    null);
        }
    }

    private SourceUnavailableException broken(IOException e) {
        return new SourceUnavailableException("reading " + uri + " failed after " + read + " bytes: "
                + e.getClass().getSimpleName(), e);
    }
}
