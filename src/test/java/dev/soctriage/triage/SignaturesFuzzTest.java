package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.text.UntrustedText;

/**
 * Coverage-guided fuzzing of the line classifier, which reads every hostile line: no input may throw,
 * the label is one of {@link Signal}'s, and each of its shortcuts answers as the plain computation it
 * stands for — the literals found while folding as those of the folded text, and every pattern tried
 * only at its declared starts as {@code find()} over the whole text. In `mvn test` the seeds under
 * src/test/resources run (regression mode); `make fuzz` fuzzes for maxDuration.
 */
class SignaturesFuzzTest {
    private static final Parsers PARSERS = new Parsers(Clock.systemUTC());
    private static final Signatures SIGNATURES = new Signatures();
    private static final String[] PREFIXES = { "", "Nov 24 10:00:01 ip-10-0-0-5 sshd[4120]: ",
            "Nov 24 10:00:01 host sudo:  alice : ", "Nov 24 10:00:01 host app[1]: ",
            "{\"level\":\"warn\",\"user\":\"bob\",\"client_ip\":\"198.51.100.7\",\"msg\":\"",
            "203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"",
            "https 2026-11-24T10:00:00.186641Z app/lb/1 203.0.113.7:1 10.0.0.1:80 0.0 0.0 0.0 200 200 1 1 \"",
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"x\":\"" };

    @FuzzTest(maxDuration = "25s")
    void anyLine_isLabelled_andEveryShortcutAgreesWithItsSpec(byte[] input) {
        String line = input.length == 0 ? ""
                : PREFIXES[(input[0] & 0xff) % PREFIXES.length] + UntrustedText.decodeUtf8(input, 1, input.length - 1);
        ParsedEvent e = PARSERS.parseAll(List.of(new LogEvent("f", 0, line))).get(0);

        assertNotNull(SIGNATURES.classify(e), "every line is labelled, NONE when no signature matches");

        MatchText m = new MatchText(e.line(), SignatureTables.LITERALS);
        String text = Decoding.forMatchingLower(e.line());
        assertEquals(text, m.text());
        assertArrayEquals(SignatureTables.LITERALS.scan(text), m.present);
        for (Gated g : SignatureTables.ALL_GATED) {
            boolean find = g.pattern.matcher(text).find();
            assertEquals(find, g.matchesAtStarts(text), g.pattern.pattern());
            if (find) {
                assertTrue(m.has(g.mask), "a match without its gate literals: " + g.pattern.pattern());
            }
        }
    }
}
