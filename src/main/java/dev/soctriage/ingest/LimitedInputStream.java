package dev.soctriage.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with a clear error once more than {@code max} bytes were read (a gzip bomb stops here). */
final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private long read;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw new MalformedEventException("log data is larger than the configured limit of " + max
                    + " bytes (ingest.max-decoded-bytes)");
        }
    }
}
