package dev.soctriage.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.api.ApproveExportProfile;
import dev.soctriage.fixtures.StoredItems;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.LambdaEventServer;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictFixtures;

/**
 * SnapStart priming of approve (the test profile's function): its decision routes answered before the
 * store (401 without identity, 400 for a malformed id), the store's reads marshalled; nothing read,
 * written or dispatched to Kestra — a pending verdict in the table stays pending — and after a restore
 * the same verdict is approved for real, dispatched once (docs/startup.md, "SnapStart").
 */
@QuarkusTest
@TestProfile(ApproveExportProfile.class)
class PrimingApproveTest {
    @Inject
    Priming priming;
    @Inject
    StoredItems items;
    @Inject
    StoredVerdicts verdicts;
    @InjectKestra
    KestraFake kestra;

    @Test
    void beforeCheckpoint_answersTheDecisionRoutesBeforeTheStore_dispatchesNothing_andAfterRestoreApprovesForReal()
            throws Exception {
        Verdict v = VerdictFixtures.pending(Severity.HIGH, Instant.now(), List.of("sshd|ssh_auth_failure|" + UUID.randomUUID()));
        verdicts.create(v);
        int before = items.count();

        priming.beforeCheckpoint(null);

        assertEquals("routes answered 401 and 400, 2 store requests marshalled", priming.prime());
        assertEquals(before, items.count(), "the priming wrote to DynamoDB");
        assertEquals(Status.PENDING, verdicts.status(v.id()));
        assertEquals(0, kestra.creates().size(), "the priming reached Kestra");

        priming.afterRestore(null);
        String event = """
                {"version":"2.0","routeKey":"POST /verdicts/{id}/approve","rawPath":"/verdicts/%1$s/approve",
                 "rawQueryString":"","headers":{"content-type":"application/json"},
                 "requestContext":{"http":{"method":"POST","path":"/verdicts/%1$s/approve","sourceIp":"198.51.100.20"},
                   "authorizer":{"jwt":{"claims":{"sub":"u-7","username":"bob","cognito:groups":"[soc-analysts]"}}}},
                 "body":"{}","isBase64Encoded":false}
                """.formatted(v.id());
        JsonNode answer = LambdaEventServer.answer(event);
        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        assertEquals(Status.APPROVED, verdicts.status(v.id()));
        assertEquals(1, kestra.creates().size());
    }
}
