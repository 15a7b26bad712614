package dev.soctriage.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines without ever holding more than one capped line: bytes past
 * {@link #MAX_LINE_BYTES} are skipped up to the next newline and the line ends with
 * {@link #TRUNCATED}. Invalid UTF-8 becomes U+FFFD; {@code \r\n} and {@code \n} both end a line;
 * empty lines are skipped.
 */
public final class LineReader {
    /** 64 KiB: longer lines are cut, never dropped. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    public static final String TRUNCATED = "…[truncated]";

    private LineReader() {
    }

    /** @return bytes read */
    public static long forEachLine(InputStream in, long maxBytes, Consumer<String> sink) throws IOException {
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean truncated = false;
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
                    truncated = append(line, buf, start, i - start, truncated);
                    emit(line, truncated, sink);
                    line.reset();
                    truncated = false;
                    start = i + 1;
                }
            }
            truncated = append(line, buf, start, n - start, truncated);
        }
        emit(line, truncated, sink);
        return total;
    }

    private static boolean append(ByteArrayOutputStream line, byte[] buf, int off, int len, boolean truncated) {
        int room = MAX_LINE_BYTES - line.size();
        if (len <= room) {
            line.write(buf, off, len);
            return truncated;
        }
        line.write(buf, off, Math.max(room, 0));
        return true;
    }

    private static void emit(ByteArrayOutputStream line, boolean truncated, Consumer<String> sink) {
        byte[] b = line.toByteArray();
        int len = b.length;
        if (len > 0 && b[len - 1] == '\r') {
            len--;
        }
        if (truncated) {
            // never end inside a multi-byte sequence: back up to a code point boundary
            while (len > 0 && (b[len - 1] & 0xC0) == 0x80) {
                len--;
            }
            if (len > 0 && (b[len - 1] & 0x80) != 0) {
                len--;
            }
        }
        if (len == 0 && !truncated) {
            return;
        }
        String s = decode(b, 0, len);
        if (s.isBlank() && !truncated) {
            return;
        }
        sink.accept(truncated ? s + TRUNCATED : s);
    }

    /** UTF-8 with every malformed or unmappable sequence replaced by U+FFFD: never fails. */
    public static String decode(byte[] b, int off, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(b, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a REPLACE decoder does not throw", e);
        }
    }

    /** Caps one line that arrived as a string (direct events, CloudWatch messages) the same way. */
    public static String cap(String s) {
        if (s.length() * 3L <= MAX_LINE_BYTES) {
            return s;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_LINE_BYTES) {
            return s;
        }
        int len = MAX_LINE_BYTES;
        while (len > 0 && (b[len] & 0xC0) == 0x80) {
            len--;
        }
        return new String(b, 0, len, StandardCharsets.UTF_8) + TRUNCATED;
    }
}
