package dev.soctriage.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.soctriage.net.Ips;

/** UntrustedText and Ips on arbitrary bytes: limits hold, nothing throws. */
class UntrustedTextFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void rules_holdForAnyText(byte[] input) {
        String s = UntrustedText.decodeUtf8(input);
        String evidence = UntrustedText.evidence(s);
        assertTrue(evidence.getBytes(StandardCharsets.UTF_8).length <= UntrustedText.EVIDENCE_LIMIT);
        if (!evidence.equals(s)) {
            String body = evidence.substring(0, evidence.length() - UntrustedText.TRUNCATED.length());
            assertTrue(s.startsWith(body), "a cut keeps a prefix");
            assertTrue(evidence.endsWith(UntrustedText.TRUNCATED));
        }
        String capped = UntrustedText.capLine(s);
        assertTrue(capped.getBytes(StandardCharsets.UTF_8).length <= UntrustedText.LINE_LIMIT);
    }

    @FuzzTest(maxDuration = "20s")
    void ips_canonicalIsIdempotent(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        for (String c : new String[] {Ips.canonical(s), Ips.canonicalEndpoint(s), Ips.canonicalWithPort(s)}) {
            if (c != null) {
                assertEquals(c, Ips.canonical(c));
                Ips.isNeverPublic(c);
            }
        }
    }
}
