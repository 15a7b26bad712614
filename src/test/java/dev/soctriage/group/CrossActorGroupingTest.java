package dev.soctriage.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.triage.Signatures;

/** Grouping by what there is to decide: benign lines across actors, signal lines and stand-out actors alone. */
class CrossActorGroupingTest {
    final Grouper grouper = new Grouper();
    final Signatures signatures = new Signatures();

    static String get(String ip, String path, int status, int second) {
        return ip + " - - [24/Nov/2026:10:" + String.format("%02d:%02d", second / 60 % 60, second % 60) + " +0000] \"GET "
                + path + " HTTP/1.1\" " + status + " 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Firefox/132.0\"";
    }

    /** {@code clients} ordinary clients, a few pages each, in a shuffled order. */
    static List<String> browsing(int clients, int pagesEach, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        String[] pages = {"/", "/products", "/products/42", "/cart", "/static/app.js", "/account"};
        for (int c = 0; c < clients; c++) {
            for (int p = 0; p < pagesEach; p++) {
                lines.add(get("192.0." + (2 + c / 250) + "." + (c % 250 + 1), pages[r.nextInt(pages.length)], 200,
                        r.nextInt(3600)));
            }
        }
        java.util.Collections.shuffle(lines, r);
        return lines;
    }

    @Test
    void benignLinesOfManyClients_areOneGroupPerTemplate_withEachClientsCountAndLines() {
        // given 300 ordinary clients, 3 pages each
        List<ParsedEvent> events = GrouperTest.parse(browsing(300, 3, 1));

        // when
        List<EventGroup> groups = grouper.group(events, signatures);

        // then one group (GET 2xx-3xx) across the clients, every event counted
        assertEquals(1, groups.size(), groups.stream().map(EventGroup::key).toList().toString());
        EventGroup g = groups.get(0);
        assertTrue(g.crossActor());
        assertNull(g.actorIp());
        assertTrue(g.key().endsWith("|*|*"), g.key());
        assertEquals(900, g.count());
        assertEquals(300, g.actorCount());
        assertEquals(GroupAccumulator.MAX_ACTORS, g.actors().size(), "actors tracked one by one are capped");
        for (ActorShare a : g.actors()) {
            assertFalse(a.samples().isEmpty());
            assertTrue(a.samples().size() <= GroupAccumulator.SAMPLES_PER_ACTOR);
            a.samples().forEach(e -> assertEquals(a.ip(), e.actorIp(), "an actor's samples are its own lines"));
        }
        assertEquals(20, g.samples().size());
    }

    @Test
    void anAttackLine_neverJoinsTheBenignGroup_andGroupsPerActor() {
        List<String> lines = new ArrayList<>(browsing(50, 4, 2));
        lines.add(get("203.0.113.50", "/products?id=1%27%20UNION%20SELECT%20password%20FROM%20users--", 200, 5));
        lines.add(get("203.0.113.50", "/download?file=../../../../etc/passwd", 200, 6));

        List<EventGroup> groups = grouper.group(GrouperTest.parse(lines), signatures);

        EventGroup benign = groups.stream().filter(EventGroup::crossActor).findFirst().orElseThrow();
        assertEquals(200, benign.count());
        assertTrue(benign.actors().stream().noneMatch(a -> "203.0.113.50".equals(a.ip())));
        List<EventGroup> attacks = groups.stream().filter(g -> g.signal() != Signal.NONE).toList();
        assertEquals(2, attacks.size());
        attacks.forEach(g -> assertEquals("203.0.113.50", g.actorIp()));
        assertEquals(202, groups.stream().mapToInt(EventGroup::count).sum());
    }

    @Test
    void anAttackersOrdinaryLines_stayWithIt_neverInTheBenignGroup() {
        // given browsing clients, and an injector who also browses like them
        List<String> lines = new ArrayList<>(browsing(50, 4, 7));
        lines.add(get("203.0.113.51", "/products", 200, 1));
        lines.add(get("203.0.113.51", "/products?id=1%27%20UNION%20SELECT%20password%20FROM%20users--", 200, 2));
        lines.add(get("203.0.113.51", "/cart", 200, 3));

        List<EventGroup> groups = grouper.group(GrouperTest.parse(lines), signatures);

        // then its plain GETs are a group of its own, not part of the clients' group
        EventGroup benign = groups.stream().filter(EventGroup::crossActor).findFirst().orElseThrow();
        assertEquals(200, benign.count());
        assertTrue(benign.actors().stream().noneMatch(a -> "203.0.113.51".equals(a.ip())));
        assertEquals(3, groups.stream().filter(g -> "203.0.113.51".equals(g.actorIp())).mapToInt(EventGroup::count).sum());
    }

    @Test
    void anActorWhoseVolumeStandsOut_keepsItsOwnGroup() {
        // given 100 clients of 2 lines each, and one client with 200 ordinary-looking requests
        List<String> lines = new ArrayList<>(browsing(100, 2, 3));
        for (int i = 0; i < 200; i++) {
            lines.add(get("198.51.100.99", "/products/" + (i % 5), 200, i));
        }

        List<EventGroup> groups = grouper.group(GrouperTest.parse(lines), signatures);

        assertEquals(2, groups.size());
        EventGroup alone = groups.stream().filter(g -> "198.51.100.99".equals(g.actorIp())).findFirst().orElseThrow();
        assertEquals(200, alone.count());
        assertFalse(alone.crossActor());
        assertEquals(200, groups.stream().filter(EventGroup::crossActor).findFirst().orElseThrow().count());
    }

    @Test
    void anActorWithManyErrorsAndPaths_keepsItsOwnGroup_evenAtOrdinaryVolume() {
        // given clients of 6 lines each, and a client whose 6 x 4 requests are mostly 404s on distinct paths
        List<String> lines = new ArrayList<>(browsing(60, 6, 4));
        for (int i = 0; i < 24; i++) {
            lines.add(get("198.51.100.66", "/old/page-" + i + ".php", i % 6 == 0 ? 200 : 404, i));
        }

        List<EventGroup> groups = grouper.group(GrouperTest.parse(lines), signatures);

        List<EventGroup> own = groups.stream().filter(g -> "198.51.100.66".equals(g.actorIp())).toList();
        assertEquals(2, own.size(), "its 2xx and its 4xx lines, each per actor");
        assertEquals(24, own.stream().mapToInt(EventGroup::count).sum());
        groups.stream().filter(EventGroup::crossActor)
                .forEach(g -> assertTrue(g.actors().stream().noneMatch(a -> "198.51.100.66".equals(a.ip()))));
    }

    @Test
    void oneActorOnly_isAnOrdinaryPerActorGroup() {
        List<ParsedEvent> events = GrouperTest.parse(List.of(get("192.0.2.1", "/", 200, 1), get("192.0.2.1", "/cart", 200, 2)));
        EventGroup g = grouper.group(events, signatures).get(0);
        assertFalse(g.crossActor());
        assertEquals("192.0.2.1", g.actorIp());
        assertEquals(1, g.actorCount());
    }

    @Test
    void distinctSets_areCapped_andTheTrueCountIsKept() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(get("192.0.2." + (i % 200 + 1), "/item/" + Integer.toString(i * 7919, 36), 200, i));
        }
        EventGroup g = grouper.group(GrouperTest.parse(lines), signatures).get(0);
        assertEquals(GroupAccumulator.MAX_DISTINCT, g.distinct(Field.PATH).size());
        int paths = g.distinctCount(Field.PATH);
        assertTrue(paths > 2850 && paths < 3150, "estimated within 5 %: " + paths);
    }

    @Test
    void chunks_groupLikeOneBatch_andEveryEventIsCountedOnce() {
        List<ParsedEvent> events = GrouperTest.parse(browsing(120, 5, 5));
        GroupingSession s = grouper.session(signatures, Clock.systemUTC(), Instant.MAX);
        for (int from = 0; from < events.size(); from += 64) {
            s.add(events.subList(from, Math.min(events.size(), from + 64)));
        }
        List<EventGroup> chunked = s.finish();
        assertEquals(events.size(), chunked.stream().mapToInt(EventGroup::count).sum());
        assertEquals(grouper.group(events, signatures).stream().map(EventGroup::key).toList(),
                chunked.stream().map(EventGroup::key).toList());
    }

    @Test
    void grouping_refusesTheBatch_onceItsDeadlinePassed() {
        List<ParsedEvent> events = GrouperTest.parse(browsing(10, 3, 6));
        Clock late = Clock.fixed(Instant.parse("2026-11-24T12:00:01Z"), ZoneOffset.UTC);
        GroupingSession s = grouper.session(signatures, late, Instant.parse("2026-11-24T12:00:00Z"));
        BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> s.add(events));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
    }

    @Test
    void grouping_aggregatesTheLinesBeyondItsGroupCap_perFormatAndSignal_losingNone() {
        Grouper small = new Grouper(TemplateMiner.Config.DEFAULT,
                new Grouper.Limits(Grouper.Outliers.DEFAULT, 10, 1_000_000, 256));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(get("203.0.113." + (i + 1), "/q?id=1%27%20OR%20%271%27=%271", 200, i)); // 20 attackers: 20 groups
        }

        List<EventGroup> groups = small.group(GrouperTest.parse(lines), signatures);

        // the first 10 attackers one group each, the other 10 in one overflow group across them
        assertEquals(11, groups.size());
        assertEquals(20, groups.stream().mapToInt(EventGroup::count).sum(), "no line lost");
        EventGroup overflow = groups.get(10);
        assertTrue(overflow.crossActor());
        assertEquals(groups.get(0).signal(), overflow.signal(), "the signal stays: an attack line never joins benign ones");
        assertEquals(10, overflow.actorCount());
        assertTrue(overflow.template().contains("beyond group.max-groups"), overflow.template());
    }

    @Test
    void sampleText_isBounded_perBatch_butEveryGroupKeepsALine() {
        Grouper small = new Grouper(TemplateMiner.Config.DEFAULT, new Grouper.Limits(Grouper.Outliers.DEFAULT, 1000, 2_000, 256));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(get("203.0.113." + (i % 50 + 1), "/q?id=1%27%20OR%20%271%27=%271&n=" + i, 200, i));
        }
        List<EventGroup> groups = small.group(GrouperTest.parse(lines), signatures);
        assertEquals(50, groups.size());
        groups.forEach(g -> assertFalse(g.samples().isEmpty()));
        long kept = groups.stream().mapToLong(g -> g.samples().size()).sum();
        assertTrue(kept < 200, "beyond the budget only each group's first line is kept: " + kept);
    }
}
