package dev.soctriage.parse;

import static dev.soctriage.parse.ParseFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Cidr;

/** Text shapes real machines write beside syslog: macOS tags, levelled application logs, collections' prefixes. */
class TextShapesTest {

    @Test
    void macOsTags_withBlanksOrASenderDetail_areSyslog() {
        ParsedEvent word = parse("Jul  4 23:22:09 laptop-7 Text Editor[7788]: could not open the recent documents list");
        assertEquals(Format.SYSLOG, word.format());
        assertEquals("Text Editor", word.field(Field.PROGRAM));
        assertEquals("7788", word.field(Field.PID));
        assertEquals("could not open the recent documents list", word.field(Field.MESSAGE));
        ParsedEvent sandbox = parse("Jul  1 09:29:02 laptop-7 sandboxd[129] ([4411]): Mail(4411) deny file-read-data /tmp/x");
        assertEquals(Format.SYSLOG, sandbox.format());
        assertEquals("sandboxd", sandbox.field(Field.PROGRAM));
        assertEquals("Mail(4411) deny file-read-data /tmp/x", sandbox.field(Field.MESSAGE));
    }

    @Test
    void levelledApplicationText_pythonAndJavaDefaults() {
        ParsedEvent py = parse("2026-11-24 10:00:01.123 4120 WARNING compute.manager [req-9 - - - - -] disk 80% full");
        assertEquals(Format.APP_TEXT, py.format());
        assertEquals("WARNING", py.field(Field.LEVEL));
        assertEquals("4120", py.field(Field.PID));
        assertEquals("compute.manager", py.field(Field.PROGRAM));
        assertEquals(Instant.parse("2026-11-24T10:00:01.123Z"), py.time());
        assertNull(py.actorIp());
        ParsedEvent java = parse("2026-11-24T10:00:02,500Z [worker-3] ERROR org.example.Billing - charge failed for 10.0.4.4");
        assertEquals(Format.APP_TEXT, java.format());
        assertEquals("org.example.Billing", java.field(Field.PROGRAM));
        assertEquals("charge failed for 10.0.4.4", java.field(Field.MESSAGE));
        assertNull(java.actorIp(), "an address in an application's message is mentioned, never the actor");
        assertEquals("10.0.4.4", java.field(Field.MENTIONED_IPS));
    }

    @Test
    void aWsgiServersRequestLine_namesThePeer_notTheForwardedList() {
        String line = "2026-11-24 10:00:03.000 900 INFO api.wsgi.server [-] 192.0.2.50,10.1.0.2 \"GET /v1/items?page=2 "
                + "HTTP/1.1\" status: 404 len: 170 time: 0.0012";
        ParsedEvent e = parse(line);
        assertEquals(Format.ACCESS_LOG, e.format(), "the server's access log, through the application's logger");
        assertEquals("10.1.0.2", e.actorIp());
        assertEquals("GET", e.field(Field.METHOD));
        assertEquals("/v1/items?page=2", e.field(Field.PATH));
        assertEquals("404", e.field(Field.STATUS));
        assertEquals("170", e.field(Field.BYTES));
        Parsers behindProxy = new Parsers(java.time.Clock.systemUTC(), List.of(Cidr.parse("10.1.0.0/16")));
        ParsedEvent trusted = behindProxy.parseAll(List.of(new dev.soctriage.model.LogEvent("e", 0, line))).get(0);
        assertEquals("192.0.2.50", trusted.actorIp());
        assertEquals("10.1.0.2", trusted.field(Field.PEER));
    }

    @Test
    void aFileNameInFront_isReadPast() {
        ParsedEvent e = parse("web-api.log.2.2026-11-24_10:00:00 2026-11-24 10:00:04.000 77 INFO svc.http [-] 203.0.113.5 "
                + "\"POST /login HTTP/1.1\" status: 401 len: 12 time: 0.1");
        assertEquals(Format.ACCESS_LOG, e.format());
        assertEquals("203.0.113.5", e.actorIp());
        ParsedEvent grep = parse("auth.log:Nov 24 10:00:01 gw sshd[5]: Invalid user ftp from 203.0.113.6 port 4");
        assertEquals(Format.SSHD, grep.format());
        assertEquals("203.0.113.6", grep.actorIp());
    }

    @Test
    void hpcCollectionsTags_areReadPast_theirEpochIsTheTime() {
        ParsedEvent e = parse("- 1764000000 2025.11.24 node17 Nov 4 16:00:00 node17/node17 crond(pam_unix)[3001]: session "
                + "opened for user root by (uid=0)");
        assertEquals(Format.SYSLOG, e.format());
        assertEquals("crond", e.field(Field.PROGRAM));
        assertEquals("session opened", e.field(Field.EVENT));
        assertEquals(Instant.ofEpochSecond(1764000000L), e.time());
    }

    @Test
    void aLineThatOnlyLooksPrefixed_staysText() {
        assertEquals(Format.TEXT, parse("- 12345 not a collection prefix at all").format());
        assertEquals(Format.TEXT, parse("catalog.logic is not a file name followed by a known line").format());
    }
}
