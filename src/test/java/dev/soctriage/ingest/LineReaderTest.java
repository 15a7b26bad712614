package dev.soctriage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.soctriage.text.UntrustedText;

class LineReaderTest {

    private static List<String> lines(byte[] data) throws IOException {
        List<String> out = new ArrayList<>();
        LineReader.forEachLine(new ByteArrayInputStream(data), Long.MAX_VALUE, out::add);
        return out;
    }

    @Test
    void invalidUtf8_isReplaced_notFatal() throws IOException {
        byte[] data = { 'a', (byte) 0xF6, 'b', '\n', (byte) 0xC3, (byte) 0xA9, '\n' };
        assertEquals(List.of("a\uFFFDb", "é"), lines(data));
    }

    @Test
    void crlfAndBlankLines_areHandled() throws IOException {
        assertEquals(List.of("one", "two", "three"), lines("one\r\n\r\ntwo\n\nthree".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLineOver64KiB_isCutAtACodePointBoundary_withAMarker_andTheNextLineSurvives() throws IOException {
        String huge = "é".repeat(40_000); // 80,000 bytes
        List<String> out = lines((huge + "\nnext\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(2, out.size());
        assertTrue(out.get(0).endsWith(UntrustedText.TRUNCATED));
        String kept = out.get(0).substring(0, out.get(0).length() - UntrustedText.TRUNCATED.length());
        assertTrue(kept.chars().allMatch(c -> c == 'é'), "no replacement char from a split sequence");
        assertTrue(kept.getBytes(StandardCharsets.UTF_8).length <= UntrustedText.LINE_LIMIT);
        assertEquals("next", out.get(1));
    }

    @Test
    void dataOverTheLimit_failsClearly() {
        byte[] data = new byte[2048];
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> LineReader.forEachLine(new ByteArrayInputStream(data), 1024, s -> { }));
        assertTrue(e.getMessage().contains("ingest.max-decoded-bytes"));
    }
}
