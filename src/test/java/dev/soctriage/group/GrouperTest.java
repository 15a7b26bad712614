package dev.soctriage.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.Signatures;

class GrouperTest {
    static final Parsers PARSERS = new Parsers(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
    final Grouper grouper = new Grouper();

    /** An OpenSSH brute force as auth.log shows it: random users, source ports and pids. */
    static List<String> bruteForce(String ip, int lines, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            String user = "u" + Integer.toString(r.nextInt(100_000), 36);
            int port = 1024 + r.nextInt(60_000);
            int pid = 1000 + r.nextInt(90_000);
            String head = String.format("Nov 24 %02d:%02d:%02d ip-10-0-0-5 sshd[%d]: ", 10 + i / 3600, (i / 60) % 60, i % 60, pid);
            out.add(head + switch (i % 5) {
                case 0 -> "Invalid user " + user + " from " + ip + " port " + port;
                case 1 -> "Failed password for invalid user " + user + " from " + ip + " port " + port + " ssh2";
                case 2 -> "Failed password for root from " + ip + " port " + port + " ssh2";
                case 3 -> "Connection closed by invalid user " + user + " " + ip + " port " + port + " [preauth]";
                default -> "Received disconnect from " + ip + " port " + port + ":11: Bye Bye [preauth]";
            });
        }
        return out;
    }

    static List<ParsedEvent> parse(List<String> lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogEvent("e" + i, 0, lines.get(i)));
        }
        return PARSERS.parseAll(events);
    }

    @Test
    void failedLogins_overManyAccounts_fromOneAddress_areOneGroup_withTheAccountsAsTargets() {
        // a JSON application's log names the account in "user": for a failed login that is a guess
        List<String> lines = new ArrayList<>();
        for (String user : List.of("admin", "test", "oracle", "postgres", "ubuntu", "guest", "git", "deploy")) {
            lines.add("{\"level\":\"warn\",\"msg\":\"authentication failed\",\"user\":\"" + user + "\",\"client_ip\":\"198.51.100.7\"}");
        }
        // the same application's successful logins are one group across users, each user an actor of it
        lines.add("{\"level\":\"info\",\"msg\":\"login ok\",\"user\":\"alice\",\"client_ip\":\"198.51.100.7\"}");
        lines.add("{\"level\":\"info\",\"msg\":\"login ok\",\"user\":\"bob\",\"client_ip\":\"198.51.100.7\"}");
        // without an address the accounts tried are still targets, never actors (docs/contract.md, invariant 2)
        lines.add("{\"level\":\"warn\",\"msg\":\"authentication failed\",\"user\":\"carol\"}");
        lines.add("{\"level\":\"warn\",\"msg\":\"authentication failed\",\"user\":\"dave\"}");

        List<EventGroup> groups = grouper.group(parse(lines), new Signatures());

        assertEquals(3, groups.size(), groups.toString());
        EventGroup spray = groups.get(0);
        assertEquals(Signal.LOGIN_FAILURE, spray.signal());
        assertEquals("198.51.100.7", spray.actorIp());
        assertEquals(null, spray.actorUser());
        assertEquals(8, spray.count());
        assertEquals(8, spray.distinctCount(Field.TARGET_USER));
        EventGroup ok = groups.get(1);
        assertTrue(ok.crossActor());
        assertEquals(List.of("alice", "bob"), ok.actors().stream().map(ActorShare::user).toList());
        EventGroup anonymous = groups.get(2);
        assertEquals(null, anonymous.actorUser());
        assertEquals(java.util.Set.of("carol", "dave"), anonymous.distinct(Field.TARGET_USER));
    }

    @Test
    void bruteForceOf5000Lines_fromOneAddress_isOneGroup() {
        // given 5,000 lines of one attacker with varying users, ports, pids and line kinds
        List<ParsedEvent> events = parse(bruteForce("203.0.113.7", 5000, 1));
        // when
        List<EventGroup> groups = grouper.group(events, LineClassifier.NONE);
        // then
        assertEquals(1, groups.size(), () -> groups.stream().map(EventGroup::template).toList().toString());
        EventGroup g = groups.get(0);
        assertEquals(5000, g.count());
        assertEquals(Format.SSHD, g.format());
        assertEquals("203.0.113.7", g.actorIp());
        assertEquals(20, g.samples().size());
        assertEquals(events.get(0), g.samples().get(0));
        assertEquals(GroupAccumulator.MAX_DISTINCT, g.distinct(Field.TARGET_USER).size());
        assertTrue(g.distinctCount(Field.TARGET_USER) > 2000, "true distinct count beyond the cap");
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), g.firstSeen());
        assertEquals(Instant.parse("2026-11-24T11:23:19Z"), g.lastSeen());
    }

    @Test
    void twoAttackers_areTwoGroups() {
        List<String> lines = new ArrayList<>(bruteForce("203.0.113.7", 500, 1));
        lines.addAll(bruteForce("2001:db8::66", 500, 2));
        // failed logins carry a signal: they group per actor (unlabelled, the two would share a template)
        List<EventGroup> groups = grouper.group(parse(lines), (LineClassifier) e -> Signal.AUTH_FAILURE);
        assertEquals(2, groups.size());
        assertEquals(Set.of("203.0.113.7", "2001:db8::66"), Set.of(groups.get(0).actorIp(), groups.get(1).actorIp()));
        assertEquals(500, groups.get(0).count());
        assertEquals(500, groups.get(1).count());
    }

    @Test
    void aSuccessfulLogin_neverJoinsTheFailures() {
        List<String> lines = new ArrayList<>(bruteForce("203.0.113.7", 50, 1));
        lines.add("Nov 24 11:00:00 ip-10-0-0-5 sshd[9]: Accepted password for root from 203.0.113.7 port 5000 ssh2");
        List<EventGroup> groups = grouper.group(parse(lines), LineClassifier.NONE);
        assertEquals(2, groups.size());
        assertEquals(Set.of("Accepted password"), groups.get(1).distinct(Field.EVENT));
    }

    @Test
    void injectionLine_insideABenignTemplate_staysSeparate_whenClassifierLabelsIt() {
        // given one client's ordinary GETs and one GET carrying SQL injection, same template (GET 2xx)
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("203.0.113.7 - - [24/Nov/2026:10:00:" + String.format("%02d", i) + " +0000] \"GET /products/" + i
                    + " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
        }
        lines.add("203.0.113.7 - - [24/Nov/2026:10:00:31 +0000] \"GET /products/1?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
        List<ParsedEvent> events = parse(lines);
        // when grouped without and with the line classifier
        List<EventGroup> blind = grouper.group(events, LineClassifier.NONE);
        List<EventGroup> labelled = grouper.group(events, new Signatures());
        // then the label alone keeps the attack line apart
        assertEquals(1, blind.size());
        assertEquals(2, labelled.size());
        EventGroup attack = labelled.stream().filter(g -> g.signal() != Signal.NONE).findFirst().orElseThrow();
        assertEquals(Signal.SQLI, attack.signal());
        assertEquals(1, attack.count());
        assertEquals(30, labelled.stream().filter(g -> g.signal() == Signal.NONE).findFirst().orElseThrow().count());
        assertNotEquals(labelled.get(0).key(), labelled.get(1).key());
    }

    @Test
    void samples_preferKindsNotSampledYet_firstSeenFirst() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("Nov 24 10:00:00 h sshd[1]: Failed password for root from 203.0.113.7 port " + (2000 + i) + " ssh2");
        }
        lines.add("Nov 24 10:00:01 h sshd[1]: Invalid user oracle from 203.0.113.7 port 3000");
        List<EventGroup> groups = grouper.group(parse(lines), LineClassifier.NONE);
        assertEquals(1, groups.size());
        List<ParsedEvent> samples = groups.get(0).samples();
        assertEquals(20, samples.size());
        assertTrue(samples.get(19).line().contains("Invalid user oracle"));
        assertTrue(samples.get(0).line().endsWith("port 2000 ssh2"));
    }

    @Test
    void freeText_isMinedIntoOneTemplate_perActor() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("Nov 24 10:00:00 app-1 backup[" + (100 + i) + "]: job " + (7000 + i) + " finished in " + (i * 3) + " ms, wrote " + (i * 1024) + " bytes to /var/backups");
        }
        List<EventGroup> groups = grouper.group(parse(lines), LineClassifier.NONE);
        assertEquals(1, groups.size());
        assertEquals("backup: job <NUM> finished in <NUM> ms, wrote <NUM> bytes to /var/backups", groups.get(0).template());
    }

    @Test
    void everyEvent_landsInExactlyOneGroup() {
        List<String> lines = new ArrayList<>(bruteForce("203.0.113.7", 300, 3));
        lines.add("free text with 198.51.100.1");
        lines.add("{\"msg\":\"hi\",\"ip\":\"198.51.100.2\"}");
        lines.add("2 123456789012 eni-0a1b2c3d 203.0.113.12 10.0.1.5 49761 22 6 20 4249 1418530010 1418530070 REJECT OK");
        List<ParsedEvent> events = parse(lines);
        List<EventGroup> groups = grouper.group(events, new Signatures());
        assertEquals(events.size(), groups.stream().mapToInt(EventGroup::count).sum());
        Set<String> keys = new HashSet<>();
        groups.forEach(g -> assertTrue(keys.add(g.key()), "unique keys"));
    }

    @Test
    void cloudFrontAndApiGatewayRequests_groupByMethodAndStatusClass_asAccessLogsDo() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("2026-11-24\t21:02:" + String.format("%02d", i) + "\tFRA56-P1\t392\t192.0.2.100\tGET\td1.cloudfront.net\t/item/"
                    + (1000 + i * 7) + "\t200\t-\tMozilla/5.0\tref=" + i + "\t-\tHit\tid" + i + "==\twww.example.com\thttps\t23\t0.001");
        }
        for (int i = 0; i < 30; i++) {
            lines.add("{\"requestId\":\"r-" + i + "\",\"ip\":\"192.0.2.100\",\"requestTime\":\"24/Nov/2026:10:00:02 +0000\","
                    + "\"httpMethod\":\"POST\",\"path\":\"/prod/orders/" + (i * 13) + "\",\"status\":\"404\",\"protocol\":\"HTTP/1.1\"}");
        }
        List<EventGroup> groups = grouper.group(parse(lines), LineClassifier.NONE);
        assertEquals(List.of("api_gateway: POST 4xx", "cloudfront: GET 2xx-3xx"),
                groups.stream().map(EventGroup::template).sorted().toList());
    }

    @Test
    void sameInput_givesSameKeys() {
        List<ParsedEvent> events = parse(bruteForce("203.0.113.7", 200, 4));
        assertEquals(grouper.group(events, LineClassifier.NONE).stream().map(EventGroup::key).toList(),
                grouper.group(events, LineClassifier.NONE).stream().map(EventGroup::key).toList());
    }
}
