package dev.soctriage.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.soctriage.approval.ApprovalService;
import dev.soctriage.fixtures.Approvals;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.KestraResource;
import dev.soctriage.fixtures.TestKestraConfig;
import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.Ports;
import dev.soctriage.verdict.OpenPlans;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictFixtures;
import dev.soctriage.verdict.VerdictStore;

/**
 * The Kestra client under the configurations one deployment cannot show at once: bearer token, other
 * tenant and namespace, nothing listening, no URL. Clients are built by hand from a config (the real
 * class, the real REST client), against the same Kestra fake.
 */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KestraResource.class, restrictToAnnotatedClass = true)
class KestraClientTest {
    @InjectKestra
    KestraFake kestra;
    @Inject
    ObjectMapper mapper;
    @Inject
    VerdictStore store;
    @Inject
    OpenPlans plans;
    /** The approval workflow built by hand around a client of a test's own. */
    @Inject
    Approvals approvals;

    @Test
    void create_sendsTheApiTokenAsBearer_toTheConfiguredTenantNamespaceAndTheActionsFlow() {
        KestraClient client = new KestraClient(config(url(), "acme", "sec.ops", "user", "pass", "tok-123"), mapper);
        kestra.auth(KestraFake.Auth.bearer("tok-123"));
        kestra.deploy("sec.ops", "disable-user");
        Verdict v = disableUser();

        String id = client.create(v, "alice@example.com", null);

        assertEquals(kestra.executions().get(0).get("id").asText(), id);
        KestraFake.Call call = kestra.creates().get(0);
        assertEquals("/api/v1/acme/executions/sec.ops/disable-user", call.path());
        assertEquals("Bearer tok-123", call.header("Authorization"));
        Map<String, String> parts = call.parts();
        assertEquals("disable_user", parts.get("action"));
        assertEquals("bob", parts.get("target"));
        assertEquals("", parts.get("comment"));
        assertEquals(7, parts.size());
    }

    @Test
    void create_sendsNoAuthorization_whenNoCredentialsAreSet() {
        KestraClient client = new KestraClient(config(url(), "main", "soc.remediation", null, null, null), mapper);
        kestra.auth(KestraFake.Auth.NONE);

        client.create(VerdictFixtures.pending(Severity.LOW, Instant.now()), "alice", "c");

        assertNull(kestra.creates().get(0).header("Authorization"));
    }

    @Test
    void create_failsUnavailable_whenNothingListens_andTheApprovalEndsDispatchFailed() {
        String refused = "http://127.0.0.1:" + Ports.free();
        KestraClient client = new KestraClient(config(refused, "main", "soc.remediation", "u", "p", null), mapper);
        ApprovalService approval = approvals.with(client);
        Verdict v = VerdictFixtures.pending(Severity.HIGH, Instant.now());
        VerdictFixtures.create(plans, v);
        String alice = "alice@example.com";

        assertThrows(KestraUnavailableException.class, () -> approval.approve(v.id(), alice, "go"));

        Verdict now = store.find(v.id()).orElseThrow();
        assertEquals(Status.DISPATCH_FAILED, now.status());
        assertTrue(now.remediation().dispatchError().contains("refused the connection"), now.remediation().dispatchError());
        assertEquals("go", now.decision().comment());
    }

    @Test
    void create_failsUnavailable_withAClearReason_whenKestraUrlIsUnsetOrInvalid() {
        KestraClient unset = new KestraClient(config(null, "main", "soc.remediation", null, null, null), mapper);
        KestraUnavailableException e = assertThrows(KestraUnavailableException.class,
                () -> unset.create(VerdictFixtures.pending(Severity.HIGH, Instant.now()), "a", null));
        assertTrue(e.getMessage().contains("KESTRA_URL is not set"), e.getMessage());

        KestraClient relative = new KestraClient(config("kestra:8080", "main", "soc.remediation", null, null, null), mapper);
        assertThrows(KestraUnavailableException.class, () -> relative.findExecution("v_x"));
    }

    @Test
    void create_failsUnavailable_whenKestraAnswersWithoutAnId() {
        KestraClient client = new KestraClient(TestKestraConfig.basic(url(), Duration.ofSeconds(2)), mapper);
        kestra.onCreate(KestraFake.Answer.raw(200, "{\"namespace\":\"soc.remediation\"}"));

        assertThrows(KestraUnavailableException.class,
                () -> client.create(VerdictFixtures.pending(Severity.HIGH, Instant.now()), "a", null));
    }

    /** Only a create whose answer was lost may have made the execution (it decides the re-approval grace). */
    @Test
    void failures_sayWhetherKestraMayHaveCreatedTheExecution() {
        KestraClient client = new KestraClient(TestKestraConfig.basic(url(), Duration.ofSeconds(2)), mapper);
        Verdict v = VerdictFixtures.pending(Severity.HIGH, Instant.now());

        kestra.onCreate(KestraFake.Answer.error(503, "busy"));
        assertTrue(assertThrows(KestraUnavailableException.class, () -> client.create(v, "a", null)).mayHaveCreated(),
                "a 5xx may come after the execution was made");
        kestra.onCreate(KestraFake.Answer.raw(200, "{\"namespace\":\"soc.remediation\"}"));
        assertTrue(assertThrows(KestraUnavailableException.class, () -> client.create(v, "a", null)).mayHaveCreated(),
                "an answer without an id says nothing of what was made");
        kestra.onCreate(KestraFake.Answer.error(404, "Flow not found"));
        assertFalse(assertThrows(KestraRejectedException.class, () -> client.create(v, "a", null)).mayHaveCreated(),
                "a 4xx is a refusal");
        kestra.onSearch(KestraFake.Answer.error(503, "busy"));
        assertFalse(assertThrows(KestraUnavailableException.class, () -> client.findExecution(v.id())).mayHaveCreated(),
                "a search creates nothing");
        KestraClient unset = new KestraClient(config(null, "main", "soc.remediation", null, null, null), mapper);
        assertFalse(assertThrows(KestraUnavailableException.class, () -> unset.create(v, "a", null)).mayHaveCreated(),
                "nothing was sent");
        assertEquals(0, kestra.executions().size());
    }

    /** A connect that times out sent nothing: a full accept queue drops the SYN, as a firewall would. */
    @Test
    void create_failsSettled_whenConnectingTimesOut() throws Exception {
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> queued = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 300);
                        queued.add(s);
                    } catch (java.io.IOException queueFull) {
                        s.close();
                    }
                }
                KestraClient client = new KestraClient(TestKestraConfig.withConnectTimeout(TestKestraConfig.basic(
                        "http://127.0.0.1:" + full.getLocalPort(), Duration.ofSeconds(5)), Duration.ofSeconds(1)), mapper);

                KestraUnavailableException e = assertThrows(KestraUnavailableException.class,
                        () -> client.create(VerdictFixtures.pending(Severity.HIGH, Instant.now()), "a", null));

                assertFalse(e.mayHaveCreated(), e.getMessage());
                assertTrue(e.getMessage().contains("connecting to Kestra timed out after 1 s (KESTRA_CONNECT_TIMEOUT); "
                        + "nothing was sent"), e.getMessage());
                assertFalse(e.getMessage().contains(Integer.toString(full.getLocalPort())), e.getMessage());
            } finally {
                for (java.net.Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void findExecution_keepsOnlyExecutionsThatCarryTheVerdictLabel() {
        KestraClient client = new KestraClient(TestKestraConfig.basic(url(), Duration.ofSeconds(2)), mapper);
        Verdict other = VerdictFixtures.pending(Severity.HIGH, Instant.now());
        String theirs = client.create(other, "alice", null);
        // a server that ignored the label filter would answer with other verdicts' executions
        kestra.onSearch(KestraFake.Answer.unfiltered());

        assertEquals(Optional.empty(), client.findExecution("v_mine"));
        assertEquals(Optional.of(theirs), client.findExecution(other.id()));
    }

    private String url() {
        return kestra.url();
    }

    private static Verdict disableUser() {
        Verdict v = VerdictFixtures.pending(Severity.MEDIUM, Instant.now());
        Verdict.Assessment a = v.assessment();
        return new Verdict(v.id(), v.status(), new Verdict.Assessment(a.severity(), "Password spraying",
                List.of("Password spraying"), Action.DISABLE_USER, "bob", "user", a.reasoning(), List.of(), a.engine(),
                a.model(), null, null), v.evidence(), v.createdAt(), null, null, null);
    }

    private static KestraConfig config(String url, String tenant, String namespace, String user, String password,
            String token) {
        return new TestKestraConfig(url, tenant, namespace, user, password, token, Duration.ofSeconds(2));
    }
}
