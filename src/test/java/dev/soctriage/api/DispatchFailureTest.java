package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.fixtures.ApiEvents;
import dev.soctriage.fixtures.Approvals;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.KestraResource;
import dev.soctriage.fixtures.StoredItems;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.TestKestraConfig;
import dev.soctriage.model.Status;
import dev.soctriage.remediate.KestraConfig;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.verdict.Verdict;

/**
 * Issue 21 item 1, issue 22 items 7 and 11: a failed dispatch, by what reached Kestra. One that sent
 * nothing (refused, unknown host, TLS) is settled at once; one that may have landed (reset, timeout,
 * 5xx) makes the re-approval ask Kestra, adopt what it has, wait only while it has none within the
 * grace counted from the failure or cannot be asked. Against dynalite and the Kestra fake, whose
 * refusals and resets are real TCP.
 */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KestraResource.class, restrictToAnnotatedClass = true)
class DispatchFailureTest {
    private static final Duration SHORT = Duration.ofSeconds(1);

    @Inject
    VerdictApi api;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ObjectMapper mapper;
    /** The approval workflow built by hand, around a Kestra configuration and a clock of a test's own. */
    @Inject
    Approvals approvals;
    @Inject
    StoredItems items;
    @InjectKestra
    KestraFake kestra;

    @Test
    void reapprove_afterARefusedConnection_dispatchesAtOnce_oneExecution() throws Exception {
        Verdict v = created();
        kestra.refuseConnections();

        assertError(approve(api, v), 502, "kestra_unavailable");

        assertSettled(v, "refused the connection");
        assertEquals(0, kestra.calls().size(), "nothing reached Kestra");
        kestra.acceptConnections();
        HttpResponse again = approve(api, v);
        Executions.assertAnswerNamesTheOnlyOne(again, kestra);
        assertEquals(1, kestra.creates().size());
    }

    @Test
    void reapprove_afterAnUnknownHost_dispatchesAtOnce() throws Exception {
        Verdict v = created();
        // .invalid never resolves (RFC 6761)
        VerdictApi nowhere = apiFor(TestKestraConfig.basic("http://kestra.invalid:8080", SHORT), Clock.systemUTC());

        assertError(approve(nowhere, v), 502, "kestra_unavailable");

        String shown = assertSettled(v, "does not resolve");
        assertFalse(shown.contains("kestra.invalid") || shown.contains("8080"), shown);
        assertEquals(200, approve(api, v).statusCode());
        assertEquals(1, kestra.executions().size());
    }

    @Test
    void reapprove_afterAFailedTlsHandshake_dispatchesAtOnce() throws Exception {
        Verdict v = created();
        // https:// to the fake's plain HTTP port: the handshake never completes and times out
        KestraConfig tls = TestKestraConfig.withConnectTimeout(
                TestKestraConfig.basic(kestra.url().replace("http://", "https://"), Duration.ofSeconds(6)), SHORT);

        assertError(approve(apiFor(tls, Clock.systemUTC()), v), 502, "kestra_unavailable");

        assertSettled(v, "TLS handshake");
        assertEquals(0, kestra.creates().size());
        assertEquals(200, approve(api, v).statusCode());
        assertEquals(1, kestra.executions().size());
    }

    @Test
    void reapprove_afterAResetOnceTheRequestWasRead_waitsWhileKestraHasNone_thenDispatches() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.reset());

        assertError(approve(api, v), 502, "kestra_unavailable");

        String shown = assertUnsettled(v, "reset before its answer");
        assertTrue(shown.contains("may have been created"), shown);
        kestra.onCreate(KestraFake.Answer.normally());
        HttpResponse inside = approve(api, v);
        assertError(inside, 409, "dispatch_unsettled");
        assertTrue(message(inside).contains("has no execution of it yet"), message(inside));
        assertEquals(1, kestra.searches().size(), "Kestra was asked before refusing");
        assertEquals(0, kestra.executions().size());

        HttpResponse after = approve(apiFor(TestKestraConfig.basic(kestra.url(), SHORT), afterTheGrace()), v);
        Executions.assertAnswerNamesTheOnlyOne(after, kestra);
        assertEquals(2, kestra.creates().size(), "the reset create, then the one that made the execution");
    }

    @Test
    void reapprove_afterAResetOnceTheExecutionWasMade_adoptsItAtOnce() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.resetAfterCreating());
        assertError(approve(api, v), 502, "kestra_unavailable");
        assertUnsettled(v, "reset before its answer");
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse again = approve(api, v);

        Executions.assertAnswerNamesTheOnlyOne(again, kestra);
        assertEquals(1, kestra.creates().size(), "adopted, not created again");
        assertNull(rawItem(v).get("dispatchError"));
    }

    @Test
    void reapprove_whileKestraCannotBeAsked_answers409_andKeepsTheFailureAsItWas() throws Exception {
        Verdict v = created();
        kestra.onCreate(KestraFake.Answer.error(503, "busy"));
        assertError(approve(api, v), 502, "kestra_unavailable");
        Verdict failed = verdicts.find(v.id());
        kestra.onCreate(KestraFake.Answer.normally());
        kestra.refuseConnections();

        for (VerdictApi at : List.of(api, apiFor(TestKestraConfig.basic(kestra.url(), SHORT), afterTheGrace()))) {
            HttpResponse r = approve(at, v);
            assertError(r, 409, "dispatch_unsettled");
            assertTrue(message(r).contains("cannot be asked"), message(r));
            Verdict now = verdicts.find(v.id());
            assertEquals(Status.DISPATCH_FAILED, now.status());
            assertEquals(failed.decision().decidedAt(), now.decision().decidedAt(), "the failure keeps its date");
            assertEquals(failed.remediation().dispatchError(), now.remediation().dispatchError());
            assertNull(rawItem(v).get("dispatchSettled"), "still unsettled");
            assertNull(rawItem(v).get("claimToken"), "the claim was given back");
        }
        kestra.acceptConnections();
        HttpResponse later = approve(apiFor(TestKestraConfig.basic(kestra.url(), SHORT), afterTheGrace()), v);
        assertEquals(200, later.statusCode(), later.body());
        assertEquals(1, kestra.executions().size());
    }

    /**
     * Issue 22 item 7: the create times out late (3 s after the claim) and its execution lands later
     * still. A re-approval past the grace counted from the claim, but inside the grace counted from the
     * failure, finds nothing in Kestra yet and must not create a second execution.
     */
    @Test
    void reapprove_insideTheGraceCountedFromALateTimeout_createsNoSecondExecution() throws Exception {
        Verdict v = created();
        Duration timeout = Duration.ofSeconds(3);
        kestra.onCreate(KestraFake.Answer.slow(Duration.ofSeconds(6)));
        Instant claimedAround = Instant.now();

        assertError(approve(apiFor(TestKestraConfig.basic(kestra.url(), timeout), Clock.systemUTC()), v), 502,
                "kestra_unavailable");

        Instant failedAt = Instant.parse(verdicts.find(v.id()).decision().decidedAt());
        assertFalse(failedAt.isBefore(claimedAround.plus(timeout).minusMillis(200)),
                "dated at the failure, not at the claim: " + failedAt + " vs claim ≈ " + claimedAround);
        // the grace (1 min) is past when counted from the claim, not when counted from the failure
        Duration grace = TestKestraConfig.basic("x", SHORT).dispatchGrace();
        Clock between = Clock.offset(Clock.systemUTC(), grace.minus(timeout).plusSeconds(1));
        assertTrue(Instant.now(between).isAfter(claimedAround.plus(grace)), "past the claim's grace");
        assertTrue(Instant.now(between).isBefore(failedAt.plus(grace)), "inside the failure's grace");
        kestra.onCreate(KestraFake.Answer.normally());

        HttpResponse again = approve(apiFor(TestKestraConfig.basic(kestra.url(), timeout), between), v);

        assertError(again, 409, "dispatch_unsettled");
        long deadline = System.currentTimeMillis() + 20_000;
        while (kestra.executions().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        // the fake records a slow create once it has made the execution
        assertEquals(1, kestra.creates().size(), "only the late create: the re-approval sent none");
        assertEquals(1, kestra.executions().size());
        HttpResponse later = approve(apiFor(TestKestraConfig.basic(kestra.url(), timeout), afterTheGrace()), v);
        Executions.assertAnswerNamesTheOnlyOne(later, kestra);
        assertEquals(1, kestra.creates().size(), "the late execution adopted");
    }

    /** Issue 22 item 11: what analysts see names neither Kestra's host, nor an address, nor a port. */
    @Test
    void dispatchError_namesNoHostAddressOrPort() throws Exception {
        String port = Integer.toString(URI.create(kestra.url()).getPort());
        List<KestraFake.Answer> answers = List.of(KestraFake.Answer.reset(),
                KestraFake.Answer.late(SHORT.plusMillis(1500)),
                KestraFake.Answer.error(503, "upstream kestra-db.internal:5432 (10.1.2.3) down, see "
                        + "http://127.0.0.1:" + port + "/ui and [fd00::5]:8080, fd00::6"),
                KestraFake.Answer.error(422, "Invalid input for 'target' from 127.0.0.1:" + port));
        VerdictApi impatient = apiFor(TestKestraConfig.basic(kestra.url(), SHORT), Clock.systemUTC());
        for (KestraFake.Answer answer : answers) {
            Verdict v = created();
            kestra.onCreate(answer);
            assertEquals(502, approve(impatient, v).statusCode());
            assertHidden(verdicts.find(v.id()).remediation().dispatchError(), port);
        }
        kestra.onCreate(KestraFake.Answer.normally());
        kestra.refuseConnections();
        Verdict refused = created();
        assertEquals(502, approve(impatient, refused).statusCode());
        assertHidden(verdicts.find(refused.id()).remediation().dispatchError(), port);
    }

    private static void assertHidden(String shown, String port) {
        for (String hidden : List.of("127.0.0.1", port, "kestra-db", "5432", "10.1.2.3", "fd00", "8080", "localhost")) {
            assertFalse(shown.contains(hidden), hidden + " in: " + shown);
        }
        assertTrue(shown.startsWith("Kestra create execution"), shown);
    }

    private String assertSettled(Verdict v, String says) {
        Verdict now = verdicts.find(v.id());
        assertEquals(Status.DISPATCH_FAILED, now.status());
        String shown = now.remediation().dispatchError();
        assertTrue(shown.contains(says) && shown.contains("nothing was sent"), shown);
        assertEquals(Boolean.TRUE, rawItem(v).get("dispatchSettled").bool(), "settled at once");
        return shown;
    }

    private String assertUnsettled(Verdict v, String says) {
        Verdict now = verdicts.find(v.id());
        assertEquals(Status.DISPATCH_FAILED, now.status());
        String shown = now.remediation().dispatchError();
        assertTrue(shown.contains(says), shown);
        assertNull(rawItem(v).get("dispatchSettled"), "may have landed");
        return shown;
    }

    private VerdictApi apiFor(KestraConfig config, Clock clock) {
        return approvals.api(approvals.with(approvals.client(config), clock));
    }

    /** A clock past the dispatch grace of anything failed so far. */
    private static Clock afterTheGrace() {
        return Clock.offset(Clock.systemUTC(), TestKestraConfig.basic("x", SHORT).dispatchGrace().plusSeconds(30));
    }

    private Verdict created() {
        return verdicts.created(Verdicts.pending());
    }

    private static HttpResponse approve(VerdictApi via, Verdict v) {
        return via.handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").asAnalyst().event(),
                VerdictApi.Routes.DECIDE);
    }

    private String message(HttpResponse r) throws Exception {
        return mapper.readTree(r.body()).get("message").asText();
    }

    private Map<String, AttributeValue> rawItem(Verdict v) {
        return items.item(v.id());
    }

    private void assertError(HttpResponse r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = mapper.readTree(r.body());
        assertEquals(code, body.get("error").asText(), r.body());
    }
}
