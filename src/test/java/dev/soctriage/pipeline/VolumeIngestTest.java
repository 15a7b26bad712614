package dev.soctriage.pipeline;

import static dev.soctriage.fixtures.GroqStub.CHAT;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.ThreatMemories;
import dev.soctriage.group.BudgetExceededException;
import dev.soctriage.model.Action;
import dev.soctriage.model.Status;
import dev.soctriage.triage.GroqAnswers;
import dev.soctriage.verdict.TemplateMemory;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictStore;

/**
 * ingest-triage at volume, with a model: benign templates are remembered across invocations and not
 * asked about again while remembered, signal lines always are, and a delivery that cannot be triaged
 * within its limits is refused before anything is written. Each test uses its own source and
 * addresses, so that memory and verdicts of one never satisfy another's assertions.
 */
@QuarkusTest
@TestProfile(VolumeProfile.class)
class VolumeIngestTest {

    @Inject
    IngestPipeline pipeline;
    @Inject
    VerdictStore store;
    @Inject
    TemplateMemory memory;
    @Inject
    S3Client s3;
    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;
    @Inject
    dev.soctriage.verdict.StoreConfig storeConfig;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ThreatMemories threatMemories;

    @BeforeEach
    void modelSaysBenign() {
        GroqStub.reset();
        // what another test's model confirmed is not this test's (each asserts its own model calls)
        threatMemories.forget();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(GroqAnswers.verdict(false, "low", "monitor", "", "")));
    }

    /**
     * {@code clients} clients browsing: one access-log template per method and status class, so each test
     * uses a method of its own (the memory is shared by the tests of one boot).
     */
    static List<String> browsing(String site, int clients, int firstOctet, String method) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < clients * 3; i++) {
            int c = i % clients;
            lines.add("192.0.2." + (firstOctet + c) + " - - [24/Nov/2026:10:00:" + String.format("%02d", i % 60)
                    + " +0000] \"" + method + " /" + site + "/page/" + (i % 7) + " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
        }
        return lines;
    }

    static String sqli(String ip) {
        return ip + " - - [24/Nov/2026:10:00:00 +0000] \"GET /items?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"";
    }

    private static int calls() {
        return GroqStub.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(CHAT)).build()).getCount();
    }

    /**
     * Issue 13, item 10: a retry of a delivery whose first attempt stopped after writing its verdict
     * (before its delivery marker) may be judged otherwise — the model on the first try, the rules on
     * the next, the groups merging into plans differently — and still makes no second verdict: the
     * verdict's id follows from its plan (action and target), not from how groups were merged, and the
     * delivery is counted once.
     */
    @Test
    void aRetryJudgedByTheRulesInsteadOfTheModel_makesNoSecondVerdict_forTheSameEvents() {
        String source = "auth-" + UUID.randomUUID();
        String attacker = "203.0.113.88";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add("Nov 24 10:00:%02d web-1 sshd[4242]: Failed password for root from %s port %d ssh2"
                    .formatted(i, attacker, 50000 + i));
            lines.add("Nov 24 10:01:%02d web-1 sshd[4243]: Invalid user admin%d from %s port %d"
                    .formatted(i, i, attacker, 51000 + i));
        }
        // given the first try, judged by the model: both groups are one plan, block_ip of the attacker
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT))
                .willReturn(GroqAnswers.verdict(true, "high", "block_ip", attacker, "\"T1110.001\"")));
        IngestResult first = pipeline.ingest(IngestEvents.direct(source, lines));
        assertEquals(1, first.verdicts(), first.toString());
        Verdict written = pendingFor(attacker);
        assertEquals("llm", written.assessment().engine());

        // when the invocation is retried after its marker was lost, and the model is down: the rules judge
        forgetDeliveryMarkers();
        GroqStub.server().resetAll();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(GroqAnswers.serverError(503)));
        pipeline.ingest(IngestEvents.direct(source, lines));

        // then the same one verdict stands, its events counted once
        List<Verdict> forAttacker = verdicts.all(Status.PENDING).stream()
                .filter(v -> attacker.equals(v.target())).toList();
        assertEquals(1, forAttacker.size(), "verdicts for the attacker: " + forAttacker.stream().map(Verdict::id).toList());
        assertEquals(written.id(), forAttacker.get(0).id());
        assertEquals(written.eventCount(), forAttacker.get(0).eventCount());
        assertEquals(1, forAttacker.get(0).evidence().deliveries());
    }

    private Verdict pendingFor(String target) {
        return verdicts.all(Status.PENDING).stream().filter(v -> target.equals(v.target()))
                .findFirst().orElseThrow();
    }

    /**
     * As if every processed delivery had stopped after its verdict writes and before its marker said it
     * was done: {@code recordedAt} taken off each marker, and a marker left with nothing else (no journal
     * of where its groups went) taken away.
     */
    private void forgetDeliveryMarkers() {
        dynamo.scanPaginator(b -> b.tableName(storeConfig.table())).items().forEach(item -> {
            if (item.get("id").s().startsWith("d_")) {
                var key = java.util.Map.of("id", item.get("id"));
                if (item.containsKey("journalChunks")) {
                    dynamo.updateItem(b -> b.tableName(storeConfig.table()).key(key).updateExpression("REMOVE recordedAt"));
                } else {
                    dynamo.deleteItem(b -> b.tableName(storeConfig.table()).key(key));
                }
            }
        });
    }

    /**
     * Issue 22, item 5: the retry of a delivery that failed between its verdict write and its marker is
     * judged another way — the model said monitor the attacker, the model is down on the retry and the
     * rules say block — and lands on the verdict the first attempt wrote: no second PENDING verdict for
     * the same events (invariant 4).
     */
    @Test
    void aRetryJudgedToAnotherPlan_landsOnTheVerdictTheFirstAttemptWrote() {
        String source = "auth-" + UUID.randomUUID();
        String attacker = "203.0.113.89";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add("Nov 24 10:02:%02d web-1 sshd[4244]: Failed password for root from %s port %d ssh2"
                    .formatted(i, attacker, 52000 + i));
        }
        // given the first try, judged by the model: monitor the attacker (a plan of its own)
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT))
                .willReturn(GroqAnswers.verdict(true, "medium", "monitor", attacker, "\"T1110.001\"")));
        IngestResult first = pipeline.ingest(IngestEvents.direct(source, lines));
        assertEquals(1, first.verdicts(), first.toString());
        List<Verdict> written = pendingFrom(source);
        assertEquals(1, written.size());
        assertEquals(Action.MONITOR, written.get(0).action());

        // when it is retried after a failure before its marker, and the model is down: the rules would block
        forgetDeliveryMarkers();
        GroqStub.server().resetAll();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(GroqAnswers.serverError(503)));
        IngestResult retry = pipeline.ingest(IngestEvents.direct(source, lines));

        // then the first attempt's verdict stands alone, its events counted once
        List<Verdict> after = pendingFrom(source);
        assertEquals(List.of(written.get(0).id()), after.stream().map(Verdict::id).toList(),
                "PENDING verdicts of the delivery: " + after.stream().map(v -> v.action().wire() + " " + v.target()).toList());
        assertEquals(12, after.get(0).eventCount());
        assertEquals(1, after.get(0).evidence().deliveries());
        assertEquals(0, retry.verdicts(), retry.toString());
        assertEquals(12, retry.duplicates(), retry.toString());
    }

    /**
     * Issue 22, item 3: a false-positive rejection of a target-less verdict about one site's browsing
     * suppresses that source's template, never another source's traffic (its key was
     * {@code none|null|null}, which every actorless group of any source matched).
     */
    @Test
    void aFalsePositiveRejectionOfOneSitesBrowsing_leavesAnotherSourceJudged() {
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT))
                .willReturn(GroqAnswers.verdict(true, "medium", "monitor", "", "")));
        String siteA = "web-a-" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.direct(siteA, browsing("shop", 5, 10, "OPTIONS")));
        List<Verdict> a = pendingFrom(siteA);
        assertEquals(1, a.size(), a.toString());
        assertEquals(null, a.get(0).target());
        Instant now = Instant.now();
        List<String> keys = verdicts.rejectAsFalsePositive(a.get(0).id(), "alice@example.com", now);

        // when another source's traffic arrives: other clients, paths, method
        String siteB = "web-b-" + UUID.randomUUID();
        int before = calls();
        IngestResult b = pipeline.ingest(IngestEvents.direct(siteB, browsing("blog", 4, 40, "TRACE")));

        // then it is judged as ever: asked about, and its verdict queued
        assertTrue(calls() > before, "site B asked about");
        assertEquals(1, b.verdicts(), b.toString());
        assertEquals(1, pendingFrom(siteB).size());

        // and site A's same browsing stays suppressed
        IngestResult again = pipeline.ingest(IngestEvents.direct(siteA, browsing("shop", 5, 10, "OPTIONS")));
        assertEquals(0, again.verdicts(), again.toString());
        assertEquals(0, pendingFrom(siteA).size());
        assertTrue(keys.stream().allMatch(k -> k.startsWith(siteA + "|")), "scoped to site A: " + keys);
    }

    private List<Verdict> pendingFrom(String source) {
        return verdicts.all(Status.PENDING).stream().filter(v -> v.evidence().sources().contains(source)).toList();
    }

    @Test
    void aBenignTemplate_isAskedOnce_thenAnsweredFromMemory_butASignalLineIsAlwaysAsked() {
        // given a first delivery: 20 browsing clients and one SQL injection
        String source = "web-" + UUID.randomUUID();
        List<String> first = new ArrayList<>(browsing("shop", 20, 10, "PUT"));
        first.add(sqli("203.0.113.61"));

        // when it is ingested
        IngestResult r1 = pipeline.ingest(IngestEvents.direct(source, first));

        // then both groups were asked (a miss), the benign template is remembered, the rules block the injection
        assertEquals(2, r1.groups());
        assertEquals(2, r1.llmCalls());
        assertEquals(0, r1.memoryHits());
        assertEquals(1, r1.verdicts());

        // when a second delivery brings other clients on the same template, and the same injection from
        // another address (no verdict is open for it)
        List<String> second = new ArrayList<>(browsing("shop", 25, 100, "PUT"));
        second.add(sqli("203.0.113.62"));
        IngestResult r2 = pipeline.ingest(IngestEvents.direct(source + "-2", second));

        // then the benign group is a memory hit, the injection is asked about and still found
        assertEquals(1, r2.memoryHits());
        assertEquals(0, r2.openVerdictHits());
        assertEquals(1, r2.llmCalls());
        assertEquals(3, calls());
        assertEquals(1, r2.verdicts());
        Verdict v = pendingFrom(source + "-2").stream().findFirst().orElseThrow();
        assertEquals("203.0.113.62", v.target());
        assertEquals("rules", v.assessment().engine());
    }

    /**
     * Invariant 6 without asking again: more of a threat whose verdict is open joins it with no model
     * call; a finding that would raise its severity, or a plan whose verdict was decided, is asked about.
     */
    @Test
    void aRepeatOfAnOpenThreat_joinsItsVerdictWithoutAModelCall_untilItIsDecided() {
        String source = "web-" + UUID.randomUUID();
        String attacker = "203.0.113.63";
        IngestResult r1 = pipeline.ingest(IngestEvents.direct(source, List.of(sqli(attacker), sqli(attacker))));
        assertEquals(1, r1.llmCalls());
        assertEquals(0, r1.openVerdictHits());
        Verdict opened = pendingFor(attacker);

        // the same injector in the next two deliveries: joined, no call
        IngestResult r2 = pipeline.ingest(IngestEvents.direct(source + "-2", List.of(sqli(attacker))));
        IngestResult r3 = pipeline.ingest(IngestEvents.direct(source + "-3", List.of(sqli(attacker), sqli(attacker))));
        assertEquals(0, r2.llmCalls() + r3.llmCalls(), r2 + " " + r3);
        assertEquals(1, r2.openVerdictHits());
        assertEquals(1, r3.openVerdictHits());
        assertEquals(1, calls());
        Verdict joined = pendingFor(attacker);
        assertEquals(opened.id(), joined.id());
        assertEquals(5, joined.eventCount());
        assertEquals(3, joined.evidence().deliveries());

        // once the analyst decided it, the next sighting is asked about and opens the successor
        store.reject(opened.id(), new VerdictStore.Decision("analyst@example.com", Instant.now(), "seen, not acting"));
        IngestResult r4 = pipeline.ingest(IngestEvents.direct(source + "-4", List.of(sqli(attacker))));
        assertEquals(1, r4.llmCalls());
        assertEquals(0, r4.openVerdictHits());
        Verdict successor = pendingFor(attacker);
        assertFalse(opened.id().equals(successor.id()));
        assertEquals(opened.id(), successor.lineage().previousVerdictId());
    }

    /**
     * An actor's signal lines that no rule flags on their own (one failed SSH login) join the open
     * verdict against that actor as low evidence, without a call; from an actor without one, asked.
     */
    @Test
    void signalLinesBelowTheRulesThresholds_joinTheOpenVerdictAgainstTheirActor() {
        String attacker = "203.0.113.65";
        String source = "web-" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.direct(source, List.of(sqli(attacker))));
        Verdict opened = pendingFor(attacker);
        assertEquals("high", opened.severity().wire());

        IngestResult more = pipeline.ingest(IngestEvents.direct(source + "-ssh", List.of(failedSsh(attacker))));
        assertEquals(0, more.llmCalls(), more.toString());
        assertEquals(1, more.openVerdictHits());
        Verdict joined = pendingFor(attacker);
        assertEquals(opened.id(), joined.id());
        assertEquals(2, joined.eventCount());
        assertEquals("high", joined.severity().wire(), "low evidence never lowers nor raises the verdict");
        assertTrue(joined.assessment().threatTypes().contains("Related activity (auth_failure)"),
                joined.assessment().threatTypes().toString());

        IngestResult stranger = pipeline.ingest(IngestEvents.direct(source + "-ssh2", List.of(failedSsh("203.0.113.66"))));
        assertEquals(1, stranger.llmCalls());
        assertEquals(0, stranger.openVerdictHits());
    }

    private static String failedSsh(String ip) {
        return "Nov 24 10:05:00 web-1 sshd[4242]: Failed password for root from " + ip + " port 50022 ssh2";
    }

    /**
     * Traffic as it arrives: an SSH brute force that lasts an hour, in 12 deliveries of five minutes,
     * among 300 distinct web clients and three admins' logins. The model is asked about the attacker
     * once; every later delivery joins that one verdict; no client is queued.
     */
    @Test
    void anHourLongBruteForce_amongThreeHundredClients_isOneVerdict_askedAboutOnce() {
        String attacker = "203.0.113.70";
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).withRequestBody(containing(attacker)).atPriority(1)
                .willReturn(GroqAnswers.verdict(true, "high", "block_ip", attacker, "\"T1110.001\"")));
        java.util.Random r = new java.util.Random(70);
        String source = "hour-" + UUID.randomUUID();
        long attackLines = 0;
        for (int d = 0; d < 12; d++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int minute = d * 5 + i / 80;
                int second = i % 60;
                int k = r.nextInt(100);
                if (k < 4) {
                    lines.add("Nov 24 10:%02d:%02d bastion sshd[%d]: Failed password for %s from %s port %d ssh2".formatted(
                            minute, second, 2000 + i, r.nextBoolean() ? "root" : "invalid user u" + r.nextInt(500), attacker,
                            1024 + r.nextInt(60000)));
                    attackLines++;
                } else if (k < 8) {
                    String[] admin = new String[] { "alice 198.51.100.20", "bob 198.51.100.21" }[r.nextInt(2)].split(" ");
                    lines.add("Nov 24 10:%02d:%02d bastion sshd[%d]: Accepted publickey for %s from %s port %d ssh2: ED25519 SHA256:abc"
                            .formatted(minute, second, 3000 + i, admin[0], admin[1], 1024 + r.nextInt(60000)));
                } else {
                    int c = r.nextInt(300);
                    lines.add("2001:db8:77::%x - - [24/Nov/2026:10:%02d:%02d +0000] \"GET /hour/%s HTTP/1.1\" 200 %d \"-\" \"Mozilla/5.0\""
                            .formatted(c + 1, minute, second, new String[] { "", "cart", "item/7", "help" }[r.nextInt(4)],
                                    200 + r.nextInt(4000)));
                }
            }
            pipeline.ingest(IngestEvents.direct(source, lines));
        }

        int askedAboutAttacker = GroqStub.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(CHAT))
                .withRequestBody(containing(attacker)).build()).getCount();
        assertEquals(1, askedAboutAttacker, "the model is asked about the attacker once, not per delivery");
        List<Verdict> queued = pendingFrom(source);
        assertEquals(1, queued.size(), "one verdict: " + queued.stream().map(Verdict::target).toList());
        Verdict v = queued.get(0);
        assertEquals(attacker, v.target());
        assertEquals("llm", v.assessment().engine());
        assertEquals("high", v.severity().wire());
        assertEquals(12, v.evidence().deliveries());
        assertEquals(attackLines, v.eventCount());
    }

    @Test
    void aRepeatThatWouldRaiseTheOpenVerdictsSeverity_isAskedAgain() {
        String attacker = "203.0.113.64";
        // the model opens the verdict at low severity; the rules rate the injection higher
        GroqStub.server().resetAll();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT))
                .willReturn(GroqAnswers.verdict(true, "low", "block_ip", attacker, "\"T1190\"")));
        pipeline.ingest(IngestEvents.direct("web-" + UUID.randomUUID(), List.of(sqli(attacker))));
        assertEquals("low", pendingFor(attacker).severity().wire());

        IngestResult again = pipeline.ingest(IngestEvents.direct("web-" + UUID.randomUUID(), List.of(sqli(attacker))));

        assertEquals(1, again.llmCalls());
        assertEquals(0, again.openVerdictHits());
        assertEquals(2, calls());
    }

    /**
     * An actor grouped alone because its volume stood out, judged benign by the model, is remembered for
     * that actor and that order of volume only.
     */
    @Test
    void aStandOutActorJudgedBenign_isRememberedForThatActorAndVolume() {
        String source = "web-" + UUID.randomUUID();
        IngestResult first = pipeline.ingest(IngestEvents.direct(source, withCrawler(30, 41, "OPTIONS", 30)));
        assertEquals(2, first.groups(), "the clients' cross-actor group and the crawler's own");
        assertEquals(2, first.llmCalls());

        // the same crawler at a similar volume, among other clients: both groups are memory hits
        IngestResult similar = pipeline.ingest(IngestEvents.direct(source + "-2", withCrawler(25, 41, "OPTIONS", 31)));
        assertEquals(2, similar.memoryHits(), similar.toString());
        assertEquals(0, similar.llmCalls());

        // four times the volume: asked again; so is another crawler of the same template
        IngestResult louder = pipeline.ingest(IngestEvents.direct(source + "-3", withCrawler(30, 41, "OPTIONS", 120)));
        assertEquals(1, louder.llmCalls(), louder.toString());
        IngestResult other = pipeline.ingest(IngestEvents.direct(source + "-4", withCrawler(30, 42, "OPTIONS", 30)));
        assertEquals(1, other.llmCalls(), other.toString());
    }

    /** {@code clients} browsing clients (three lines each) and one crawler at 198.51.100.{crawler}. */
    private static List<String> withCrawler(int clients, int crawler, String method, int crawls) {
        List<String> lines = new ArrayList<>(browsing("crawl", clients, 10, method));
        for (int i = 0; i < crawls; i++) {
            lines.add("198.51.100." + crawler + " - - [24/Nov/2026:10:01:" + String.format("%02d", i % 60) + " +0000] \"HEAD /archive/"
                    + i + " HTTP/1.1\" 200 0 \"-\" \"ExampleCrawler/2.1\"");
        }
        return lines;
    }

    @Test
    void anotherTemplate_isAMiss_andARememberedOneIsAskedAgain_onceItsTimeHasPassed() throws InterruptedException {
        String source = "web-" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.direct(source, browsing("blog", 10, 40, "PATCH")));
        assertEquals(1, calls());

        // a template not seen before is a miss
        IngestResult post = pipeline.ingest(IngestEvents.direct(source + "-post", browsing("blog", 10, 40, "DELETE")));
        assertEquals(0, post.memoryHits());
        assertEquals(1, post.llmCalls());

        // the first template is remembered, until triage.memory.ttl (PT3S in this profile) has passed
        IngestResult hit = pipeline.ingest(IngestEvents.direct(source + "-again", browsing("blog", 12, 60, "PATCH")));
        assertEquals(1, hit.memoryHits());
        assertEquals(0, hit.llmCalls());
        Thread.sleep(3_200);
        IngestResult expired = pipeline.ingest(IngestEvents.direct(source + "-later", browsing("blog", 12, 80, "PATCH")));
        assertEquals(0, expired.memoryHits());
        assertEquals(1, expired.llmCalls());
    }

    @Test
    void templateMemory_remembersForItsTime_andOnlyWhatItWasTold() {
        Instant now = Instant.now();
        String key = "test-" + UUID.randomUUID();
        assertTrue(memory.remembered(List.of(key), now).isEmpty());
        memory.remember(key, now);
        assertEquals(java.util.Set.of(key), memory.remembered(List.of(key, key + "-other"), now));
        assertTrue(memory.remembered(List.of(key), now.plusSeconds(4)).isEmpty(), "past its ttl");
    }

    @Test
    void aDeliveryWithMoreGroupsThanAllowed_isTriagedWhole_theExcessAggregated() {
        // given more attackers (one group each) than a delivery may hold one by one
        String source = "web-" + UUID.randomUUID();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < VolumeProfile.MAX_GROUPS + 5; i++) {
            lines.add(sqli("198.51.100." + (i + 1)));
        }

        // when
        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));

        // then every event is counted, the first MAX_GROUPS attackers are proposed one by one, and the 5
        // past the cap are one aggregate finding across them, which blocks none of them on aggregate
        assertEquals(VolumeProfile.MAX_GROUPS + 5, r.events());
        assertEquals(VolumeProfile.MAX_GROUPS + 1, r.groups());
        List<Verdict> listed = pendingFrom(source);
        assertEquals(VolumeProfile.MAX_GROUPS, listed.stream().filter(v -> v.action() == Action.BLOCK_IP).count());
        Verdict aggregate = listed.stream().filter(v -> v.action() == Action.MONITOR).findFirst().orElseThrow();
        assertEquals(5, aggregate.eventCount());
        assertEquals(null, aggregate.target());
    }

    @Test
    void aLargeS3Object_isStreamedInChunks_andEveryEventCounted() {
        // given an object of 12,000 lines (24 chunks of this profile's 500): browsing, and a brute force
        String bucket = "soc-logs-volume";
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 11_960; i++) {
            body.append("192.0.2.").append(i % 200 + 1).append(" - - [24/Nov/2026:10:00:00 +0000] \"GET /catalog/")
                    .append(i % 13).append(" HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n");
        }
        for (int i = 0; i < 40; i++) {
            body.append(String.format("Nov 24 10:00:%02d web-1 sshd[4242]: Failed password for root from 203.0.113.97 port %d ssh2%n",
                    i, 50_000 + i));
        }
        String key = "big/" + UUID.randomUUID() + ".log";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body.toString(), StandardCharsets.UTF_8));

        // when
        IngestResult r = pipeline.ingest(IngestEvents.s3Notification(bucket, key, body.length()));

        // then
        assertEquals(12_000, r.events());
        assertEquals(1, r.verdicts());
        assertFalse(r.groups() > 5, r.groups() + " groups");
    }
}
