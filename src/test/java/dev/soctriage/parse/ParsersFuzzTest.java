package dev.soctriage.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;
import dev.soctriage.net.Ips;
import dev.soctriage.text.UntrustedText;

/**
 * Coverage-guided fuzzing of the parser chain without its safety net ({@link Parsers#parseStrict}):
 * no input may throw. In `mvn test` these run the seed corpus under src/test/resources (regression
 * mode); with JAZZER_FUZZ=1 one test fuzzes for its maxDuration.
 *
 * <p>The first input byte picks a real prefix of one format (or none), so the fuzzer starts deep
 * inside each parser instead of having to guess a syslog header first.
 */
class ParsersFuzzTest {
    static final String[] PREFIXES = {
            "",
            "Nov 24 10:00:01 ip-10-0-0-5 sshd[4120]: ",
            "Nov 24 10:00:01 host sudo: ",
            "<38>1 2026-11-24T10:00:02.123Z bastion sshd 4121 - ",
            "2026-11-24T10:00:03.000Z i-0abc Nov 24 10:00:03 h sshd[1]: ",
            "203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"",
            "https 2026-11-24T10:00:00.186641Z app/lb/1 ",
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",",
            "{\"httpRequest\":{\"clientIp\":",
            "2 123456789012 eni-0a1b2c3d ",
            "time=2026-11-24T10:00:00Z level=info ",
            "{\"msg\":",
            "Mar  3 04:10:11 web7 sshd(pam_unix)[2201]: authentication failure; logname= uid=0 euid=0 tty=x ruser= rhost=",
            "Mar  3 05:00:00 files vsftpd[812]: pam_unix(vsftpd:auth): authentication failure; ruser=",
            "Jul  4 23:22:09 laptop-7 Text Editor[7788]: ",
            "2026-11-24 10:00:03.000 900 INFO api.wsgi.server [-] 192.0.2.50,10.1.0.2 \"",
            "2026-11-24\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td1.cloudfront.net\t",
            "1764000000.123\t192.0.2.100\t0.002\t",
            "{\"requestId\":\"r1\",\"ip\":",
            "- 1764000000 2025.11.24 node17 Nov 4 16:00:00 node17/node17 ",
    };
    static final Parsers.Headers HEADER = new Parsers.Headers();

    static {
        HEADER.vpc = VpcFlow.DEFAULT;
        HEADER.cloudFront = CloudFrontLog.STANDARD;
    }

    @FuzzTest(maxDuration = "25s")
    void anyLine_parsesWithoutThrowing_andActorIsCanonical(byte[] input) {
        String line = line(input);
        ParsedEvent e = ParseFixtures.PARSERS.parseStrict(new LogEvent("f", 0, line), line, ParseFixtures.NOW, new Parsers.Headers());
        check(e, line);
        ParsedEvent withHeader = ParseFixtures.PARSERS.parseStrict(new LogEvent("f", 1, line), line, ParseFixtures.NOW, HEADER);
        check(withHeader, line);
    }

    @FuzzTest(maxDuration = "25s")
    void anyBatch_parseAllKeepsSizeAndOrder(byte[] input) {
        String text = UntrustedText.decodeUtf8(input);
        List<LogEvent> events = new ArrayList<>();
        int i = 0;
        for (String l : text.split("\n", -1)) {
            events.add(new LogEvent("f" + i, i++, l));
        }
        List<ParsedEvent> out = ParseFixtures.PARSERS.parseAll(events);
        assertEquals(events.size(), out.size());
        for (int k = 0; k < out.size(); k++) {
            assertEquals(events.get(k), out.get(k).event());
            check(out.get(k), events.get(k).message());
        }
    }

    static String line(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        String prefix = PREFIXES[(input[0] & 0xff) % PREFIXES.length];
        return prefix + UntrustedText.decodeUtf8(input, 1, input.length - 1);
    }

    static void check(ParsedEvent e, String line) {
        assertNotNull(e.format());
        assertNotNull(e.fields());
        assertEquals(line, e.line());
        if (e.actorIp() != null) {
            assertEquals(e.actorIp(), Ips.canonical(e.actorIp()), "actor in canonical form");
        }
        if (e.format() == Format.TEXT) {
            assertTrue(e.actorIp() == null && e.actorUser() == null, "free text names no actor");
        }
        Instant t = e.time();
        if (t != null) {
            assertTrue(t.getEpochSecond() >= 0, "no time before the epoch");
        }
    }
}
