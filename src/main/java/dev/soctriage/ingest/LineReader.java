package dev.soctriage.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import dev.soctriage.text.UntrustedText;

/**
 * Splits a byte stream into lines without ever holding more than one capped line: bytes past the
 * 64 KiB line limit are skipped up to the next newline, and the line is cut by
 * {@link UntrustedText#capLine} (whole code points, ending with its marker). Invalid UTF-8 becomes
 * U+FFFD; {@code \r\n} and {@code \n} both end a line; blank lines are skipped.
 */
public final class LineReader {
    /** Bytes kept of an over-long line: a little over the limit, so that capLine always cuts and marks it. */
    private static final int KEEP_BYTES = UntrustedText.LINE_LIMIT + 4;

    private LineReader() {
    }

    /** @return bytes read */
    public static long forEachLine(InputStream in, long maxBytes, Consumer<String> sink) throws IOException {
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new MalformedEventException("log data is larger than the configured limit of " + maxBytes
                        + " bytes (ingest.max-decoded-bytes)");
            }
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    append(line, buf, start, i - start);
                    emit(line, sink);
                    line.reset();
                    start = i + 1;
                }
            }
            append(line, buf, start, n - start);
        }
        emit(line, sink);
        return total;
    }

    private static void append(ByteArrayOutputStream line, byte[] buf, int off, int len) {
        line.write(buf, off, Math.max(0, Math.min(len, KEEP_BYTES - line.size())));
    }

    private static void emit(ByteArrayOutputStream line, Consumer<String> sink) {
        byte[] b = line.toByteArray();
        int len = b.length;
        if (len > 0 && b[len - 1] == '\r') {
            len--;
        }
        String s = UntrustedText.decodeUtf8(b, 0, len);
        if (!s.isBlank()) {
            sink.accept(UntrustedText.capLine(s));
        }
    }
}
