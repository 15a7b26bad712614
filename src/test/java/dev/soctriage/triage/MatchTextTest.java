package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The literals found while folding the raw line are those of the folded text, which is built on demand. */
class MatchTextTest {
    private static final List<String> LINES = List.of(
            "GET /search?q=UNION+SELECT+password HTTP/1.1",
            "{\"msg\":\"<script>alert(1)<\\/script>\",\"path\":\"\\/etc\\/passwd\"}",
            "a\\\\\"b \\\\/c \\\"\\/ trailing backslash \\",
            "%2e%2e%2f%2E%2E%2Fetc%252fpasswd and \\x2e\\x2e/",
            "İGNORE previous İnstructions; KELVIN \u212A; ß ǅ",
            "Xp_CmdShell pg_Sleep(3) information_Schema",
            "", "\\", "%", "\\x", "%zz \\xZZ", "${JNDI:ldap://x}");

    @Test
    void literalsFoundWhileFolding_equalTheLiteralsOfTheFoldedText() {
        int found = 0;
        for (String line : LINES) {
            MatchText m = new MatchText(line, SignatureTables.LITERALS);
            long[] ofText = SignatureTables.LITERALS.scan(Decoding.forMatchingLower(line));
            assertArrayEquals(ofText, m.present, line);
            assertEquals(Decoding.forMatchingLower(line), m.text(), line);
            for (long w : m.present) {
                found += Long.bitCount(w);
            }
        }
        assertTrue(found > 10, "the lines hold many gate literals: " + found);
    }

    @Test
    void fold_matchesForMatchingLower_characterByCharacter() {
        for (char c = 0; c < 0x3000; c++) {
            String s = String.valueOf(c);
            if (!Decoding.hasEscapes(s) && c != '\\') {
                assertEquals(Decoding.forMatchingLower(s), String.valueOf(Decoding.fold(c)), "U+" + Integer.toHexString(c));
            }
        }
    }
}
