package dev.soctriage.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void evidence_keepsShortLinesVerbatim() {
        String line = "Nov 24 10:00:01 h sshd[1]: Failed password for root from 203.0.113.7 port 1 ssh2";
        assertSame(line, UntrustedText.evidence(line));
    }

    @Test
    void evidence_cutsAt4KiBOfUtf8_endingWithTheMarker() {
        String line = "é".repeat(3000); // 6000 bytes, 3000 chars
        String cut = UntrustedText.evidence(line);
        assertTrue(cut.endsWith(UntrustedText.TRUNCATED));
        assertTrue(bytes(cut) <= 4096, "at most 4 KiB: " + bytes(cut));
        assertTrue(bytes(cut) > 4096 - 3 - bytes(UntrustedText.TRUNCATED), "cut as late as the limit allows");
        assertTrue(line.startsWith(cut.substring(0, cut.length() - UntrustedText.TRUNCATED.length())));
    }

    @Test
    void cuts_neverSplitACodePoint() {
        String emoji = "\uD83D\uDE00"; // 4 UTF-8 bytes, 2 chars
        for (int pad = 0; pad < 4; pad++) {
            String line = "a".repeat(pad) + emoji.repeat(2000);
            String cut = UntrustedText.evidence(line);
            String body = cut.substring(0, cut.length() - UntrustedText.TRUNCATED.length());
            assertFalse(Character.isHighSurrogate(body.charAt(body.length() - 1)), "no lone high surrogate at the cut");
            assertEquals(body, new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void capLine_cutsOver64KiB_only() {
        String fits = "x".repeat(UntrustedText.LINE_LIMIT);
        assertSame(fits, UntrustedText.capLine(fits));
        String over = "x".repeat(UntrustedText.LINE_LIMIT + 1);
        String cut = UntrustedText.capLine(over);
        assertEquals(UntrustedText.LINE_LIMIT, bytes(cut));
        assertTrue(cut.endsWith(UntrustedText.TRUNCATED));
    }

    @Test
    void decodeUtf8_replacesMalformedBytes() {
        byte[] bad = {'o', 'k', (byte) 0xC3, ' ', (byte) 0xFF, (byte) 0xE2, (byte) 0x82};
        String s = UntrustedText.decodeUtf8(bad);
        assertTrue(s.startsWith("ok\uFFFD "));
        assertTrue(s.indexOf('\uFFFD', 4) > 0);
        assertEquals("é", UntrustedText.decodeUtf8(new byte[] {(byte) 0xC3, (byte) 0xA9}));
    }

    @Test
    void rules_areOneOrderedNamedList() {
        assertEquals(List.of("cap-line-64KiB", "cut-evidence-4KiB"),
                UntrustedText.RULES.stream().map(UntrustedText.Rule::name).toList());
    }
}
