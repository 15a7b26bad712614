package dev.soctriage.parse;

import static dev.soctriage.parse.Golden.golden;

import java.time.Instant;
import java.util.stream.Stream;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

/** Text shapes real machines write beside syslog: macOS tags, levelled application logs, collections' prefixes. */
class TextShapesTest implements GoldenLines {
    private static final String WSGI_REQUEST = "2026-11-24 10:00:03.000 900 INFO api.wsgi.server [-] 192.0.2.50,10.1.0.2 "
            + "\"GET /v1/items?page=2 HTTP/1.1\" status: 404 len: 170 time: 0.0012";

    static Stream<Golden> lines() {
        return Stream.of(
                golden("macOsTags_withBlanksOrASenderDetail_areSyslog: blanks",
                        "Jul  4 23:22:09 laptop-7 Text Editor[7788]: could not open the recent documents list")
                        .format(Format.SYSLOG).field(Field.PROGRAM, "Text Editor").field(Field.PID, "7788")
                        .field(Field.MESSAGE, "could not open the recent documents list"),
                golden("macOsTags_withBlanksOrASenderDetail_areSyslog: sender detail",
                        "Jul  1 09:29:02 laptop-7 sandboxd[129] ([4411]): Mail(4411) deny file-read-data /tmp/x")
                        .format(Format.SYSLOG).field(Field.PROGRAM, "sandboxd").field(Field.MESSAGE, "Mail(4411) deny file-read-data /tmp/x"),
                golden("levelledApplicationText_pythonAndJavaDefaults: python",
                        "2026-11-24 10:00:01.123 4120 WARNING compute.manager [req-9 - - - - -] disk 80% full")
                        .format(Format.APP_TEXT).field(Field.LEVEL, "WARNING").field(Field.PID, "4120")
                        .field(Field.PROGRAM, "compute.manager").time("2026-11-24T10:00:01.123Z").noActorIp(),
                golden("levelledApplicationText_pythonAndJavaDefaults: java",
                        "2026-11-24T10:00:02,500Z [worker-3] ERROR org.example.Billing - charge failed for 10.0.4.4")
                        .format(Format.APP_TEXT).field(Field.PROGRAM, "org.example.Billing").field(Field.MESSAGE, "charge failed for 10.0.4.4")
                        .because("an address in an application's message is mentioned, never the actor").noActorIp()
                        .field(Field.MENTIONED_IPS, "10.0.4.4"),
                golden("aWsgiServersRequestLine_namesThePeer_notTheForwardedList", WSGI_REQUEST)
                        .because("the server's access log, through the application's logger").format(Format.ACCESS_LOG)
                        .actorIp("10.1.0.2").field(Field.METHOD, "GET").field(Field.PATH, "/v1/items?page=2")
                        .field(Field.STATUS, "404").field(Field.BYTES, "170"),
                golden("aWsgiServersRequestLine_namesThePeer_notTheForwardedList: behind a trusted proxy", WSGI_REQUEST)
                        .behindProxies("10.1.0.0/16").actorIp("192.0.2.50").field(Field.PEER, "10.1.0.2"),
                golden("aFileNameInFront_isReadPast: rotated file name",
                        "web-api.log.2.2026-11-24_10:00:00 2026-11-24 10:00:04.000 77 INFO svc.http [-] 203.0.113.5 "
                                + "\"POST /login HTTP/1.1\" status: 401 len: 12 time: 0.1")
                        .format(Format.ACCESS_LOG).actorIp("203.0.113.5"),
                golden("aFileNameInFront_isReadPast: grep's prefix",
                        "auth.log:Nov 24 10:00:01 gw sshd[5]: Invalid user ftp from 203.0.113.6 port 4")
                        .format(Format.SSHD).actorIp("203.0.113.6"),
                golden("hpcCollectionsTags_areReadPast_theirEpochIsTheTime",
                        "- 1764000000 2025.11.24 node17 Nov 4 16:00:00 node17/node17 crond(pam_unix)[3001]: session "
                                + "opened for user root by (uid=0)")
                        .format(Format.SYSLOG).field(Field.PROGRAM, "crond").field(Field.EVENT, "session opened")
                        .time(Instant.ofEpochSecond(1764000000L)),
                golden("aLineThatOnlyLooksPrefixed_staysText: dash and number", "- 12345 not a collection prefix at all")
                        .format(Format.TEXT),
                golden("aLineThatOnlyLooksPrefixed_staysText: dotted word", "catalog.logic is not a file name followed by a known line")
                        .format(Format.TEXT));
    }
}
