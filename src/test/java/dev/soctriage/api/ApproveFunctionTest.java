package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;


import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.LambdaEventServer;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.model.Status;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.verdict.Verdict;

/** approve end to end: an API Gateway event through the Lambda mock event server to the Kestra fake. */
@QuarkusTest
@TestProfile(ApproveExportProfile.class)
class ApproveFunctionTest {
    @Inject
    StoredVerdicts verdicts;
    @InjectKestra
    KestraFake kestra;

    @Test
    void approve_endToEnd_throughTheLambdaEventServer() throws Exception {
        Verdict v = Verdicts.pending();
        verdicts.create(v);
        // the stage is named, so the raw path carries it; the body arrives base64-encoded
        String body = java.util.Base64.getEncoder().encodeToString("{\"comment\":\"seen in the SIEM too\"}".getBytes());
        String event = """
                {"version":"2.0","routeKey":"POST /verdicts/{id}/approve","rawPath":"/prod/verdicts/%1$s/approve",
                 "rawQueryString":"","headers":{"content-type":"application/json"},
                 "requestContext":{"accountId":"123456789012","apiId":"abc123","stage":"prod","requestId":"r-2",
                   "http":{"method":"POST","path":"/prod/verdicts/%1$s/approve","protocol":"HTTP/1.1",
                           "sourceIp":"198.51.100.20","userAgent":"curl/8"},
                   "authorizer":{"jwt":{"claims":{"sub":"u-7","username":"bob","cognito:groups":"[soc-analysts]"},
                                        "scopes":["openid"]}}},
                 "body":"%2$s","isBase64Encoded":true}
                """.formatted(v.id(), body);
        JsonNode answer = LambdaEventServer.answer(event);

        assertEquals(200, answer.get("statusCode").asInt(), answer.toString());
        JsonNode doc = LambdaEventServer.body(answer);
        assertEquals("APPROVED", doc.get("status").asText());
        assertEquals(1, kestra.executions().size());
        assertEquals(kestra.executions().get(0).get("id").asText(), doc.get("kestraExecutionId").asText());
        assertEquals("bob", doc.get("decidedBy").asText());
        assertEquals("seen in the SIEM too", kestra.creates().get(0).parts().get("comment"));
        assertEquals(Status.APPROVED, verdicts.status(v.id()));
    }
}
