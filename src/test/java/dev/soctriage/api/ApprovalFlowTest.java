package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.approval.ApprovalService;
import dev.soctriage.fixtures.ApiEvents;
import dev.soctriage.fixtures.Approvals;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.KestraResource;
import dev.soctriage.fixtures.StoredItems;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.TestKestraConfig;
import dev.soctriage.model.Status;
import dev.soctriage.remediate.KestraClient;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.ProjectPaths;
import dev.soctriage.text.Digests;
import dev.soctriage.verdict.StoreConfig;
import dev.soctriage.verdict.Suppressions;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictFixtures;
import dev.soctriage.verdict.VerdictStore;

/** approve's routes against a real store (dynalite) and the Kestra fake, both on loopback. */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KestraResource.class, restrictToAnnotatedClass = true)
class ApprovalFlowTest {
    private static final Map<String, Object> REMEDIATION_GROUP = Map.of("sub", "flow-1", "username", "kestra",
            "cognito:groups", "[soc-remediation]");

    @Inject
    VerdictApi api;
    @Inject
    VerdictStore store;
    @Inject
    Suppressions suppressions;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ObjectMapper mapper;
    @Inject
    StoreConfig storeConfig;
    @Inject
    dev.soctriage.remediate.KestraConfig kestraConfig;
    /** The approval workflow built by hand, around a Kestra client or guard of a test's own. */
    @Inject
    Approvals approvals;
    @Inject
    StoredItems items;
    @InjectKestra
    KestraFake kestra;

    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);
    private static final String BLOCK_IP = "/api/v1/main/executions/soc.remediation/block-ip";

    @Test
    void approve_createsTheExecution_withExactPathPartsLabelsAndBasicAuth() throws Exception {
        Verdict v = created();
        assertNotNull(rawItem(v.id()).get("expiresAt"), "a pending verdict carries its TTL");

        HttpResponse r = approve(v.id(), "{\"comment\":\"confirmed with the host owner\"}");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = mapper.readTree(r.body());
        assertEquals("APPROVED", doc.get("status").asText());
        assertEquals(Executions.onlyId(kestra), doc.get("kestraExecutionId").asText());
        assertEquals("alice@example.com", doc.get("decidedBy").asText());
        assertEquals("confirmed with the host owner", doc.get("comment").asText());
        assertFalse(doc.get("decidedAt").isNull());

        List<KestraFake.Call> creates = kestra.creates();
        assertEquals(1, creates.size());
        KestraFake.Call call = creates.get(0);
        assertEquals(BLOCK_IP, call.path());
        assertEquals(List.of("verdictId:" + v.id(), "system.correlationId:" + v.id()), call.query().get("labels"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                (KestraResource.USER + ":" + KestraResource.PASSWORD).getBytes(StandardCharsets.UTF_8)),
                call.header("Authorization"));
        assertTrue(call.header("Content-Type").startsWith("multipart/form-data"), call.header("Content-Type"));
        assertEquals(Map.of("verdictId", v.id(), "action", "block_ip", "target", "203.0.113.7", "severity", "high",
                "threatType", "SSH brute force", "approvedBy", "alice@example.com",
                "comment", "confirmed with the host owner"), call.parts());

        Map<String, AttributeValue> item = rawItem(v.id());
        assertNull(item.get("expiresAt"), "a decided verdict is kept: no TTL");
        assertNull(item.get("claimToken"));
    }

    @Test
    void approve_withoutBody_sendsAnEmptyComment_andAnswers409WhenApprovedAgain() throws Exception {
        Verdict v = created();

        assertEquals(200, approve(v.id(), null).statusCode());
        assertEquals("", kestra.creates().get(0).parts().get("comment"));

        HttpResponse again = approve(v.id(), "{}");
        assertError(again, 409, "conflict");
        assertEquals(1, kestra.creates().size(), "a second approval creates nothing");
    }

    @Test
    void approve_answers404_forAnUnknownVerdict() throws Exception {
        assertError(approve(dev.soctriage.verdict.VerdictFixtures.unknownId(), "{}"), 404, "not_found");
        assertEquals(0, kestra.creates().size());
    }

    @Test
    void decisionBodies_answer400_whenMalformed() throws Exception {
        Verdict v = created();
        String longText = "x".repeat(1001);
        for (String body : List.of("not json", "[1]", "\"text\"", "{\"comment\":5}", "{\"comment\":{}}",
                "{\"comment\":\"" + longText + "\"}")) {
            assertError(approve(v.id(), body), 400, "invalid_body");
        }
        for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":true}", "{\"reason\":\"" + longText + "\"}")) {
            assertError(reject(v.id(), body), 400, "invalid_body");
        }
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", null).base64("***not base64***")
                .asAnalyst().event(), VerdictApi.Routes.DECIDE), 400, "invalid_body");
        assertError(approve("v_nothex", "{}"), 400, "invalid_id");
        assertEquals(Status.PENDING, store.find(v.id()).orElseThrow().status());
        assertEquals(0, kestra.creates().size());
    }

    @Test
    void approve_answers502KestraUnavailable_andLeavesDispatchFailed_whenKestraAnswers5xx() throws Exception {
        for (int status : new int[] { 500, 503 }) {
            Verdict v = created();
            kestra.onCreate(KestraFake.Answer.error(status, "server trouble"));

            assertError(approve(v.id(), "{}"), 502, "kestra_unavailable");

            Verdict now = store.find(v.id()).orElseThrow();
            assertEquals(Status.DISPATCH_FAILED, now.status());
            assertTrue(now.remediation().dispatchError().contains(Integer.toString(status)), now.remediation().dispatchError());
            assertEquals("alice@example.com", now.decision().decidedBy());
            assertNull(now.remediation().kestraExecutionId());
        }
    }

    @Test
    void approve_answers502KestraUnavailable_whenKestraAnswersAfterTheTimeout() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.late(SHORT_TIMEOUT.plusMillis(1500)));

        assertError(impatientApi().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst().event(),
                VerdictApi.Routes.DECIDE), 502, "kestra_unavailable");
        Verdict now = store.find(v.id()).orElseThrow();
        assertEquals(Status.DISPATCH_FAILED, now.status());
        assertTrue(now.remediation().dispatchError().contains("did not answer within 1 s (KESTRA_TIMEOUT)"),
                now.remediation().dispatchError());
    }

    @Test
    void approve_answers502KestraRejected_keepingStatusAndMessage_whenKestraAnswers4xx() throws Exception {
        Map<Integer, String> answers = Map.of(401, "Unauthorized", 404, "Flow 'soc.remediation.block-ip' not found",
                422, "Invalid input for 'target'");
        for (Map.Entry<Integer, String> a : answers.entrySet()) {
            Verdict v = created();
            kestra.onCreate(KestraFake.Answer.error(a.getKey(), a.getValue()));

            assertError(approve(v.id(), "{}"), 502, "kestra_rejected");

            Verdict now = store.find(v.id()).orElseThrow();
            assertEquals(Status.DISPATCH_FAILED, now.status());
            assertTrue(now.remediation().dispatchError().contains(a.getKey().toString()), now.remediation().dispatchError());
            assertTrue(now.remediation().dispatchError().contains(a.getValue()), now.remediation().dispatchError());
        }
    }

    @Test
    void reapprove_ofADispatchFailedVerdict_adoptsTheExecutionKestraAlreadyHas_withoutASecondCreate() throws Exception {
        Verdict v = created();
        // the first approval's answer is lost: Kestra created the execution, the function timed out
        kestra.onCreate(KestraFake.Answer.late(SHORT_TIMEOUT.plusMillis(1500)));
        assertError(impatientApi().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst().event(),
                VerdictApi.Routes.DECIDE), 502, "kestra_unavailable");
        assertEquals(Status.DISPATCH_FAILED, store.find(v.id()).orElseThrow().status());
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse r = apiAfterTheGrace().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve",
                "{\"comment\":\"second try\"}").asAnalyst().event(), VerdictApi.Routes.DECIDE);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = mapper.readTree(r.body());
        assertEquals("APPROVED", doc.get("status").asText());
        assertEquals(Executions.onlyId(kestra), doc.get("kestraExecutionId").asText());
        assertEquals(1, kestra.creates().size(), "only the first (lost) create reached Kestra");
        KestraFake.Call search = kestra.searches().get(0);
        assertEquals(v.id(), search.param("filters[labels][EQUALS][verdictId]"));
        assertEquals("soc.remediation", search.param("filters[namespace][EQUALS]"));
        assertNull(store.find(v.id()).orElseThrow().remediation().dispatchError());
    }

    /** Issue 13 item 9: the create that timed out lands after the search; no second execution. */
    @Test
    void reapprove_rightAfterATimeout_createsNoSecondExecution_whileTheSearchCannotBeTrusted() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.late(SHORT_TIMEOUT.plusMillis(1500)));
        assertError(impatientApi().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst().event(),
                VerdictApi.Routes.DECIDE), 502, "kestra_unavailable");
        // Kestra has not stored the late execution yet: a search finds nothing
        kestra.onSearch(KestraFake.Answer.raw(200, "{\"results\":[],\"total\":0}"));
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse again = impatientApi().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst()
                .event(), VerdictApi.Routes.DECIDE);

        assertError(again, 409, "dispatch_unsettled");
        assertEquals(1, kestra.creates().size(), "one create only");
        Verdict now = store.find(v.id()).orElseThrow();
        assertEquals(Status.DISPATCH_FAILED, now.status());
        assertNotNull(now.remediation().dispatchError());
        // and after the grace, with the late execution now findable, it is adopted
        kestra.onSearch(KestraFake.Answer.normally());
        HttpResponse later = apiAfterTheGrace().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}")
                .asAnalyst().event(), VerdictApi.Routes.DECIDE);
        Executions.assertAnswerNamesTheOnlyOne(later, kestra);
        assertEquals(1, kestra.creates().size(), "still one create");
    }

    /** A create Kestra refused (4xx) certainly made no execution: the re-approval dispatches at once. */
    @Test
    void reapprove_rightAfterA4xxRefusal_dispatches_withoutWaitingForTheGrace() throws Exception {
        assertTrue(kestraConfig.dispatchGrace().compareTo(Duration.ofMinutes(1)) >= 0,
                "the grace configured here outlasts the test: " + kestraConfig.dispatchGrace());
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.error(422, "Invalid input for 'target'"));
        assertError(approve(v.id(), "{}"), 502, "kestra_rejected");
        assertEquals(Boolean.TRUE, rawItem(v.id()).get("dispatchSettled").bool(), "a refusal is recorded as settled");
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse again = approve(v.id(), "{\"comment\":\"flow fixed\"}");

        Executions.assertAnswerNamesTheOnlyOne(again, kestra);
        assertEquals(2, kestra.creates().size(), "the refused create and the one that made the execution");
        assertEquals(1, kestra.searches().size(), "a DISPATCH_FAILED verdict is still searched for first");
        Map<String, AttributeValue> item = rawItem(v.id());
        assertEquals("APPROVED", item.get("status").s());
        assertNull(item.get("dispatchSettled"), "an approved verdict carries no dispatch mark");
    }

    /** No create is sent while Kestra is not configured: nothing to settle, the re-approval goes through. */
    @Test
    void reapprove_afterADispatchThatSentNothing_dispatches_withoutWaitingForTheGrace() throws Exception {
        Verdict v = created();
        ApprovalService unconfigured = approvals.with(TestKestraConfig.basic(null, SHORT_TIMEOUT));
        assertError(approvals.api(unconfigured).handle(ApiEvents.post("/verdicts/"
                + v.id() + "/approve", "{}").asAnalyst().event(), VerdictApi.Routes.DECIDE), 502, "kestra_unavailable");
        assertEquals(Status.DISPATCH_FAILED, store.find(v.id()).orElseThrow().status());

        HttpResponse again = approve(v.id(), "{}");

        assertEquals(200, again.statusCode(), again.body());
        assertEquals(1, kestra.creates().size());
    }

    /**
     * A 5xx may come after the execution was made: within the grace, a re-approval asks Kestra and,
     * finding none yet, is refused.
     */
    @Test
    void reapprove_rightAfterA5xx_answers409DispatchUnsettled_withoutASecondCreate() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.error(503, "server trouble"));
        assertError(approve(v.id(), "{}"), 502, "kestra_unavailable");
        assertNull(rawItem(v.id()).get("dispatchSettled"), "a 5xx is not settled");
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse again = approve(v.id(), "{}");

        assertError(again, 409, "dispatch_unsettled");
        assertEquals(1, kestra.creates().size(), "one create only");
        assertEquals(1, kestra.searches().size(), "Kestra was asked, and has none yet");
        Verdict now = store.find(v.id()).orElseThrow();
        assertEquals(Status.DISPATCH_FAILED, now.status());
        assertTrue(now.remediation().dispatchError().contains("503"), now.remediation().dispatchError());
        assertNull(rawItem(v.id()).get("dispatchSettled"), "the refusal keeps the failure unsettled");
    }

    /** Issue 13 item 13: a reject after an unfinished approval does not win over the execution it created. */
    @Test
    void reject_afterAnApprovalStoppedMidway_answers409_andAdoptsTheExecutionKestraHas() throws Exception {
        Verdict v = created();
        Instant then = Instant.now().minus(Duration.ofMinutes(5));
        store.claim(v.id(), "crashed-approval", then, then.plus(storeConfig.claimTimeout()));
        String orphan = approvals.client(TestKestraConfig.basic(kestra.url(), Duration.ofSeconds(10)))
                .create(v, "alice@example.com", null);

        assertError(reject(v.id(), "{\"reason\":\"not needed\"}"), 409, "conflict");

        Verdict now = store.find(v.id()).orElseThrow();
        assertEquals(Status.APPROVED, now.status());
        assertEquals(orphan, now.remediation().kestraExecutionId());
        assertEquals(1, kestra.creates().size(), "only the stopped approval's create");
    }

    @Test
    void reject_afterAnApprovalStoppedMidway_rejects_whenKestraHasNoExecution() throws Exception {
        Verdict v = created();
        Instant then = Instant.now().minus(Duration.ofMinutes(5));
        store.claim(v.id(), "crashed-approval", then, then.plus(storeConfig.claimTimeout()));

        HttpResponse r = reject(v.id(), "{\"reason\":\"not needed\"}");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Status.REJECTED, store.find(v.id()).orElseThrow().status());
        // and a claim under way still blocks a reject
        Verdict busy = created();
        store.claim(busy.id(), "live-approval", Instant.now(), Instant.now().plus(storeConfig.claimTimeout()));
        assertError(reject(busy.id(), "{\"reason\":\"no\"}"), 409, "conflict");
        assertEquals(Status.PENDING, store.find(busy.id()).orElseThrow().status());
    }

    @Test
    void approve_afterAnApprovalStoppedMidway_adoptsItsExecution_onceItsClaimExpired() throws Exception {
        // given an approval that claimed the verdict, reached Kestra, and stopped before recording it
        Verdict v = created();
        Instant then = Instant.now().minus(Duration.ofMinutes(5));
        store.claim(v.id(), "crashed-approval", then, then.plus(storeConfig.claimTimeout()));
        String orphan = approvals.client(TestKestraConfig.basic(kestra.url(), Duration.ofSeconds(10)))
                .create(v, "alice@example.com", null);

        // when the analyst approves again
        HttpResponse r = approve(v.id(), "{}");

        // then the orphaned execution is adopted and none is created
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(orphan, mapper.readTree(r.body()).get("kestraExecutionId").asText());
        assertEquals(1, kestra.creates().size(), "only the stopped approval's create");
    }

    @Test
    void approve_refusesABlockIpTargetInsideTheAllowlist_andLeavesTheVerdictPending() throws Exception {
        Verdict v = created();
        dev.soctriage.guard.Guard allowlisted = new dev.soctriage.guard.Guard(
                java.util.List.of(dev.soctriage.net.Cidr.parse(v.target() + "/32")));
        VerdictApi guarded = approvals.api(approvals.with(approvals.client(TestKestraConfig.basic(kestra.url(),
                SHORT_TIMEOUT)), java.time.Clock.systemUTC(), allowlisted));

        HttpResponse r = guarded.handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst().event(),
                VerdictApi.Routes.DECIDE);

        assertError(r, 409, "target_not_blockable");
        assertEquals(Status.PENDING, store.find(v.id()).orElseThrow().status());
        assertEquals(0, kestra.creates().size());
        assertEquals(200, reject(v.id(), "{\"reason\":\"allowlisted partner\"}").statusCode());
    }

    @Test
    void approve_ofAFreshPendingVerdict_doesNotSearchKestra() throws Exception {
        Verdict v = created();

        assertEquals(200, approve(v.id(), "{}").statusCode());

        assertEquals(0, kestra.searches().size());
    }

    @Test
    void reapprove_ofADispatchFailedVerdict_createsTheExecution_whenKestraHasNone() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.error(503, "starting up"));
        assertError(approve(v.id(), "{}"), 502, "kestra_unavailable");
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse r = apiAfterTheGrace().handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst()
                .event(), VerdictApi.Routes.DECIDE);

        Executions.assertAnswerNamesTheOnlyOne(r, kestra);
        assertEquals(2, kestra.creates().size(), "the refused create and the one that made the execution");
    }

    @Test
    void approve_createsOneExecution_whenCalledConcurrently() throws Exception {
        // given one pending verdict and a Kestra that takes a moment to answer
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.late(Duration.ofMillis(300)));
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse>> answers = new ArrayList<>();
        // when twenty approvals arrive at once
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return approve(v.id(), "{}");
            }));
        }
        ready.await(10, TimeUnit.SECONDS);
        go.countDown();
        int ok = 0;
        int conflict = 0;
        for (Future<HttpResponse> f : answers) {
            int status = f.get(30, TimeUnit.SECONDS).statusCode();
            ok += status == 200 ? 1 : 0;
            conflict += status == 409 ? 1 : 0;
        }
        pool.shutdown();
        // then exactly one reached Kestra, and every other one was told it lost
        assertEquals(1, ok);
        assertEquals(callers - 1, conflict);
        assertEquals(1, kestra.creates().size());
        assertEquals(Executions.onlyId(kestra), store.find(v.id()).orElseThrow().remediation().kestraExecutionId());
    }

    /**
     * Invariant 5 across processes, as two Lambda instances would race: a second JVM boots the
     * application against the same dynalite and Kestra fake and sends half the approvals.
     */
    @Test
    void approve_createsOneExecution_whenCalledConcurrentlyFromTwoProcesses() throws Exception {
        // given one pending verdict, a slow Kestra, and a second process ready to approve it
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.late(Duration.ofMillis(300)));
        int perProcess = 10;
        Path dir = Files.createTempDirectory("rival");
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        Path log = dir.resolve("rival.log");
        Process rival = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "-Drival.dir=" + dir, "-Drival.verdict=" + v.id(), "-Drival.callers=" + perProcess,
                "-Drival.dynamo=" + config.getValue("quarkus.dynamodb.endpoint-override", String.class),
                "-Drival.table=" + storeConfig.table(),
                "-Drival.kestra=" + config.getValue("kestra.url", String.class),
                "-Drival.kestra.user=" + KestraResource.USER,
                "-Drival.kestra.password=" + KestraResource.PASSWORD,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                RivalApprover.class.getName())
                .directory(ProjectPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            while (!Files.exists(dir.resolve("ready")) && rival.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(dir.resolve("ready")), "the second process did not start: " + tail(log));
            ExecutorService pool = Executors.newFixedThreadPool(perProcess);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse>> answers = new ArrayList<>();
            for (int i = 0; i < perProcess; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return approve(v.id(), "{}");
                }));
            }
            // when both processes send their approvals at once
            Files.writeString(dir.resolve("go"), "go");
            go.countDown();
            int ok = 0;
            int conflict = 0;
            for (Future<HttpResponse> f : answers) {
                int status = f.get(60, TimeUnit.SECONDS).statusCode();
                ok += status == 200 ? 1 : 0;
                conflict += status == 409 ? 1 : 0;
            }
            pool.shutdown();
            assertTrue(rival.waitFor(120, TimeUnit.SECONDS), "the second process did not finish");
            assertEquals(0, rival.exitValue(), tail(log));
            String[] theirs = Files.readString(dir.resolve("result")).trim().split(" ");

            // then one approval in all reached Kestra; all nineteen others were told they lost
            assertEquals(1, ok + Integer.parseInt(theirs[0]), "200s: ours " + ok + ", theirs " + theirs[0] + "; "
                    + store.find(v.id()).orElseThrow().remediation().dispatchError());
            assertEquals(2 * perProcess - 1, conflict + Integer.parseInt(theirs[1]));
            assertEquals("0", theirs[2]);
            assertEquals(1, kestra.creates().size());
            assertEquals(Executions.onlyId(kestra), store.find(v.id()).orElseThrow().remediation().kestraExecutionId());
        } finally {
            if (rival.isAlive()) {
                rival.destroy();
            }
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        String s = Files.readString(log);
        return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
    }

    @Test
    void reject_keepsTheReasonAsComment_onlyFromPending() throws Exception {
        Verdict v = created();
        String encoded = Base64.getEncoder().encodeToString("{\"reason\":\"known scanner, ticket SEC-12\"}"
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse r = api.handle(ApiEvents.post("/verdicts/" + v.id() + "/reject", null).base64(encoded).asAnalyst()
                .event(), VerdictApi.Routes.DECIDE);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = mapper.readTree(r.body());
        assertEquals("REJECTED", doc.get("status").asText());
        assertEquals("known scanner, ticket SEC-12", doc.get("comment").asText());
        assertEquals("alice@example.com", doc.get("decidedBy").asText());
        assertNull(rawItem(v.id()).get("expiresAt"));
        assertError(reject(v.id(), "{\"reason\":\"again\"}"), 409, "conflict");
        assertError(approve(v.id(), "{}"), 409, "conflict");
        assertTrue(suppression(Verdicts.groupKey(v)).isEmpty(), "an ordinary rejection suppresses nothing");

        Verdict failed = created();
        kestra.onCreate(KestraFake.Answer.error(503, "down"));
        approve(failed.id(), "{}");
        assertError(reject(failed.id(), "{\"reason\":\"too late\"}"), 409, "conflict");
    }

    @Test
    void reject_asFalsePositive_suppressesTheGroupForAWeek_outsideTheQueue() throws Exception {
        Verdict v = created();
        Instant before = Instant.now();

        assertEquals(200, reject(v.id(), "{\"reason\":\"false_positive\"}").statusCode());

        Instant until = suppression(Verdicts.groupKey(v)).orElseThrow().until();
        assertTrue(!until.isBefore(before.plus(Duration.ofDays(7))) && until.isBefore(Instant.now().plus(Duration.ofDays(7)).plusSeconds(1)),
                until.toString());
        String sid = "s_" + dev.soctriage.text.Digests.sha256Hex(Verdicts.groupKey(v)).substring(0, 32);
        Map<String, AttributeValue> item = rawItem(sid);
        assertNull(item.get("status"), "a suppression must stay out of the status index");
        assertTrue(Long.parseLong(item.get("expiresAt").n()) > until.getEpochSecond(),
                "kept past its end so the next verdict can carry the count");
        assertTrue(store.find(sid).isEmpty());

        suppressions.countSuppressed(Verdicts.groupKey(v), 40);
        suppressions.countSuppressed(Verdicts.groupKey(v), 2);
        assertEquals("42", rawItem(sid).get("suppressedEvents").n());
        assertEquals(42, suppression(Verdicts.groupKey(v)).orElseThrow().events());
        suppressions.countSuppressed("never-suppressed|" + v.id(), 5);
        assertTrue(suppression("never-suppressed|" + v.id()).isEmpty());
    }

    /**
     * Issue 22, item 3: the suppressions in force are listed with what they cover and who made them, and
     * an analyst lifts them; the function that reads does not lift, and only analysts may.
     */
    @Test
    void suppressionsInForce_areListedWithWhoMadeThem_andAnAnalystLiftsThem() throws Exception {
        Verdict v = created();
        assertEquals(200, reject(v.id(), "{\"reason\":\"false_positive\"}").statusCode());

        JsonNode listed = suppressionOf(v).orElseThrow();
        assertEquals("sshd", listed.path("source").asText());
        assertEquals("ssh_auth_failure", listed.path("signal").asText());
        assertEquals(Verdicts.groupKey(v).split("\\|")[2], listed.path("template").asText());
        assertTrue(listed.path("actorIp").isNull() && listed.path("actorUser").isNull(), listed.toString());
        assertTrue(listed.path("suppressedBy").asText().contains("alice"), listed.toString());
        assertTrue(Instant.parse(listed.path("suppressedUntil").asText()).isAfter(Instant.now().plus(Duration.ofDays(6))));
        assertEquals(v.threatType(), listed.path("threatType").asText());

        HttpEvent liftByReader = ApiEvents.post("/verdicts/" + v.id() + "/unsuppress", "{}").asAnalyst().event();
        assertError(api.handle(liftByReader, VerdictApi.Routes.READ), 404, "not_found");
        HttpEvent liftByFlow = new ApiEvents().claims(REMEDIATION_GROUP).to("POST", "/verdicts/" + v.id() + "/unsuppress", "{}")
                .event();
        assertError(api.handle(liftByFlow, VerdictApi.Routes.DECIDE), 403, "forbidden");

        HttpResponse lifted = api.handle(ApiEvents.post("/verdicts/" + v.id() + "/unsuppress", "{}").asAnalyst().event(),
                VerdictApi.Routes.DECIDE);
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals(1, mapper.readTree(lifted.body()).path("lifted").asInt());
        assertTrue(suppressionOf(v).isEmpty(), "no longer listed");
        assertTrue(!suppression(Verdicts.groupKey(v)).orElseThrow().until().isAfter(Instant.now()), "ended");
        assertEquals("alice@example.com", rawItem("s_" + dev.soctriage.text.Digests.sha256Hex(Verdicts.groupKey(v))
                .substring(0, 32)).get("liftedBy").s());
    }

    private java.util.Optional<JsonNode> suppressionOf(Verdict v) throws Exception {
        HttpResponse r = api.handle(ApiEvents.get("/verdicts/suppressions").asAnalyst().event(),
                VerdictApi.Routes.READ);
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode item : mapper.readTree(r.body()).path("items")) {
            if (v.id().equals(item.path("verdictId").asText())) {
                return java.util.Optional.of(item);
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    void outcome_needsTheRemediationGroupOrScope_analystsDoNotSuffice() throws Exception {
        Verdict v = approved();
        String body = "{\"executionId\":\"" + executionOf(v) + "\",\"state\":\"SUCCESS\",\"detail\":\"blocked\"}";

        assertError(outcome(v.id(), body, new ApiEvents().asAnalyst()), 403, "forbidden");
        assertError(outcome(v.id(), body, new ApiEvents().claims(Map.of("sub", "client-x")).scopes(List.of("soc/read"))),
                403, "forbidden");
        assertError(outcome(v.id(), body, new ApiEvents()), 401, "unauthorized");
        assertEquals(Status.APPROVED, store.find(v.id()).orElseThrow().status());

        HttpResponse byScope = outcome(v.id(), body,
                new ApiEvents().claims(Map.of("sub", "4f1client")).scopes(List.of("soc/remediation")));
        assertEquals(200, byScope.statusCode(), byScope.body());

        Verdict w = approved();
        HttpResponse byScopeClaim = outcome(w.id(), "{\"executionId\":\"" + executionOf(w) + "\",\"state\":\"FAILED\"}",
                new ApiEvents().claims(Map.of("sub", "4f1client", "scope", "openid soc/remediation")));
        assertEquals(200, byScopeClaim.statusCode(), byScopeClaim.body());

        Verdict x = approved();
        HttpResponse byGroup = outcome(x.id(), "{\"executionId\":\"" + executionOf(x) + "\",\"state\":\"SUCCESS\"}",
                new ApiEvents().claims(REMEDIATION_GROUP));
        assertEquals(200, byGroup.statusCode(), byGroup.body());
    }

    @Test
    void outcome_endsRemediatedOrFailed_onlyForAnApprovedVerdictsOwnExecution() throws Exception {
        Verdict pending = created();
        assertError(outcome(pending.id(), "{\"executionId\":\"exec-own\",\"state\":\"SUCCESS\"}",
                new ApiEvents().claims(REMEDIATION_GROUP)), 409, "conflict");

        Verdict v = approved();
        String own = executionOf(v);
        String ok = "{\"executionId\":\"" + own + "\",\"state\":\"SUCCESS\",\"detail\":\"ip blocked in NACL acl-1\"}";
        assertError(outcome(v.id(), ok.replace(own, "exec-other"), new ApiEvents().claims(REMEDIATION_GROUP)), 409,
                "conflict");
        for (String bad : List.of(ok.replace("SUCCESS", "DONE"), "{\"state\":\"SUCCESS\"}",
                "{\"executionId\":\"" + own + "\"}", "{\"executionId\":7,\"state\":\"SUCCESS\"}", "")) {
            assertError(outcome(v.id(), bad, new ApiEvents().claims(REMEDIATION_GROUP)), 400, "invalid_body");
        }

        HttpResponse r = outcome(v.id(), ok, new ApiEvents().claims(REMEDIATION_GROUP));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = mapper.readTree(r.body());
        assertEquals("REMEDIATED", doc.get("status").asText());
        assertEquals("ip blocked in NACL acl-1", doc.get("outcomeDetail").asText());
        assertFalse(doc.get("outcomeAt").isNull());
        assertEquals("alice@example.com", doc.get("decidedBy").asText(), "the analyst's decision stays on record");
        assertError(outcome(v.id(), ok, new ApiEvents().claims(REMEDIATION_GROUP)), 409, "conflict");

        Verdict f = approved();
        HttpResponse failed = outcome(f.id(),
                "{\"executionId\":\"" + executionOf(f) + "\",\"state\":\"FAILED\",\"detail\":\"timeout\"}",
                new ApiEvents().claims(REMEDIATION_GROUP));
        assertEquals("REMEDIATION_FAILED", mapper.readTree(failed.body()).get("status").asText());
    }

    /**
     * The same API, built by hand from the real classes, with a Kestra client that waits only
     * {@link #SHORT_TIMEOUT}: the application's own timeout is generous so that a loaded machine
     * does not fail the other tests.
     */
    private VerdictApi impatientApi() {
        return approvals.api(approvals.with(TestKestraConfig.basic(kestra.url(), SHORT_TIMEOUT)));
    }

    /** An approve function whose clock stands past the dispatch grace of anything failed so far. */
    private VerdictApi apiAfterTheGrace() {
        KestraClient client = approvals.client(TestKestraConfig.basic(kestra.url(), SHORT_TIMEOUT));
        java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(),
                TestKestraConfig.basic("x", SHORT_TIMEOUT).dispatchGrace().plusSeconds(1));
        return approvals.api(approvals.with(client, later));
    }

    private Verdict created() {
        return verdicts.created(Verdicts.pending());
    }

    private Verdict approved() throws Exception {
        Verdict v = created();
        assertEquals(200, approve(v.id(), "{}").statusCode());
        return v;
    }

    /** The id of the Kestra execution an approved verdict records. */
    private String executionOf(Verdict v) {
        return store.find(v.id()).orElseThrow().remediation().kestraExecutionId();
    }

    private HttpResponse approve(String id, String body) {
        return api.handle(ApiEvents.post("/verdicts/" + id + "/approve", body).asAnalyst().event(), VerdictApi.Routes.DECIDE);
    }

    private HttpResponse reject(String id, String body) {
        return api.handle(ApiEvents.post("/verdicts/" + id + "/reject", body).asAnalyst().event(), VerdictApi.Routes.DECIDE);
    }

    private HttpResponse outcome(String id, String body, ApiEvents caller) {
        return api.handle(caller.to("POST", "/verdicts/" + id + "/outcome", body).event(), VerdictApi.Routes.DECIDE);
    }

    private Map<String, AttributeValue> rawItem(String id) {
        return items.item(id);
    }

    private void assertError(HttpResponse r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, mapper.readTree(r.body()).get("error").asText(), r.body());
    }

    /** The suppression recorded for a group key, read as ingest reads it. */
    private java.util.Optional<Suppressions.Suppression> suppression(String groupKey) {
        return java.util.Optional.ofNullable(suppressions.suppressions(java.util.List.of(groupKey)).get(groupKey));
    }
}
