package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.LambdaEventServer;
import dev.soctriage.fixtures.ApiEvents;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.KestraResource;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.model.Severity;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictFixtures;
import dev.soctriage.verdict.VerdictIds;
import dev.soctriage.verdict.VerdictStore;

/** list-pending's routes, and what every route checks first: route, identity, group, input. */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KestraResource.class, restrictToAnnotatedClass = true)
class VerdictApiReadTest {
    /** The contract's verdict document, every field always present. */
    static final List<String> CONTRACT_FIELDS = List.of("id", "status", "severity", "threatType", "action", "target",
            "targetType", "reasoning", "mitre", "engine", "model", "detections", "evidence", "eventCount", "deliveries", "firstSeen",
            "lastSeen", "source", "createdAt", "previousVerdictId", "decidedBy", "decidedAt", "comment",
            "kestraExecutionId");
    /** Every field of the document: the contract's and the ones added beside them; nothing storage-only. */
    static final Set<String> DOCUMENT_FIELDS = Set.copyOf(java.util.stream.Stream.concat(CONTRACT_FIELDS.stream(),
            java.util.stream.Stream.of("threatTypes", "guard", "crossCheck", "sources", "timeline", "suppressedEvents",
                    "previousDecision", "recurrence", "dispatchError", "outcomeDetail", "outcomeAt", "modelNotAsked", "rememberedFrom")).toList());

    @Inject
    VerdictApi api;
    @Inject
    VerdictStore store;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ObjectMapper mapper;
    @Inject
    dev.soctriage.verdict.SourceReadings readings;

    @Test
    void get_answersTheContractDocument_withEveryFieldAndNullsIncluded() throws Exception {
        Verdict v = Verdicts.pending();
        verdicts.create(v);

        HttpResponse r = api.handle(ApiEvents.get("/verdicts/" + v.id()).asAnalyst().event(), VerdictApi.Routes.READ);

        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().get("content-type"));
        JsonNode doc = mapper.readTree(r.body());
        for (String field : CONTRACT_FIELDS) {
            assertTrue(doc.has(field), "missing " + field);
        }
        Set<String> fields = new HashSet<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertEquals(DOCUMENT_FIELDS, fields, "one flat object: no nested parts, no expiresAt, claim or plan key");
        List<String> order = new ArrayList<>();
        doc.fieldNames().forEachRemaining(order::add);
        assertEquals(CONTRACT_FIELDS, order.stream().filter(CONTRACT_FIELDS::contains).toList(),
                "the contract's fields in the contract's order");
        assertEquals(1, doc.get("deliveries").asLong());
        assertTrue(doc.get("previousVerdictId").isNull());
        assertEquals(v.createdAt(), doc.get("timeline").get(0).get("at").asText());
        assertEquals(40, doc.get("timeline").get(0).get("events").asLong());
        assertEquals(v.id(), doc.get("id").asText());
        assertEquals("PENDING", doc.get("status").asText());
        assertEquals("high", doc.get("severity").asText());
        assertEquals("block_ip", doc.get("action").asText());
        assertEquals("ip", doc.get("targetType").asText());
        assertEquals("T1110.001", doc.get("mitre").get(0).asText());
        assertEquals(40, doc.get("eventCount").asLong());
        assertTrue(doc.get("eventCount").isNumber());
        assertTrue(doc.get("decidedBy").isNull());
        assertTrue(doc.get("kestraExecutionId").isNull());
        assertTrue(doc.get("model").isNull());
    }

    @Test
    void get_answers404_forAnUnknownId_and400_forAMalformedOne() throws Exception {
        String unknown = dev.soctriage.verdict.VerdictFixtures.unknownId();
        HttpResponse missing = api.handle(ApiEvents.get("/verdicts/" + unknown).asAnalyst().event(), VerdictApi.Routes.READ);
        assertError(missing, 404, "not_found");

        for (String bad : List.of("v_123", "V_" + unknown.substring(2), unknown + "0", "v_" + "G".repeat(32), "%00")) {
            HttpResponse r = api.handle(ApiEvents.get("/verdicts/" + bad).asAnalyst().event(), VerdictApi.Routes.READ);
            assertError(r, 400, "invalid_id");
        }
    }

    @Test
    void sources_listHowEachSourceWasRead_latestFirst_analystsOnly() throws Exception {
        String older = "/aws/ec2/reading/" + java.util.UUID.randomUUID();
        String newer = "/aws/ec2/reading/" + java.util.UUID.randomUUID();
        java.time.Instant t = java.time.Instant.parse("2099-01-01T00:00:00Z");
        readings.record(older, 10, Map.of("sshd", 10L), 0, List.of(), t);
        readings.record(newer, 3, Map.of("syslog", 1L, "text", 2L), 2, List.of("<script>not html</script>", "junk"),
                t.plusSeconds(60));

        HttpResponse r = api.handle(ApiEvents.get("/verdicts/sources").query("limit", "2").asAnalyst().event(),
                VerdictApi.Routes.READ);

        assertEquals(200, r.statusCode());
        JsonNode items = mapper.readTree(r.body()).get("items");
        assertEquals(2, items.size(), r.body());
        assertEquals(newer, items.get(0).get("source").asText(), "latest delivery first");
        assertEquals(older, items.get(1).get("source").asText());
        assertEquals(2, items.get(0).get("unknownLines").asLong());
        assertEquals(2, items.get(0).get("formats").get("text").asLong());
        assertEquals("<script>not html</script>", items.get(0).get("unknownSamples").get(0).asText());
        assertEquals(1, items.get(0).get("deliveries").asLong());
        assertEquals(10, items.get(1).get("formats").get("sshd").asLong());

        assertError(api.handle(ApiEvents.get("/verdicts/sources").query("limit", "0").asAnalyst().event(),
                VerdictApi.Routes.READ), 400, "invalid_query");
        assertError(api.handle(ApiEvents.get("/verdicts/sources").query("status", "SOURCE").asAnalyst().event(),
                VerdictApi.Routes.READ), 400, "invalid_query");
        assertError(api.handle(ApiEvents.get("/verdicts/sources").event(), VerdictApi.Routes.READ), 401, "unauthorized");
        assertError(api.handle(ApiEvents.get("/verdicts/sources").claims(Map.of("sub", "u-9", "cognito:groups", "[admins]"))
                .event(), VerdictApi.Routes.READ), 403, "forbidden");
        // the readings share the activity index with verdicts, in a partition no verdict status reaches
        assertError(api.handle(ApiEvents.get("/verdicts").query("status", "SOURCE").asAnalyst().event(),
                VerdictApi.Routes.READ), 400, "invalid_query");
        assertEquals(0, store.list(dev.soctriage.model.Status.PENDING, null, dev.soctriage.verdict.VerdictStore.Order.LAST_SEEN,
                100, null).items().stream().filter(v -> v.evidence().source().startsWith("/aws/ec2/reading/")).count());
    }

    @Test
    void everyRoute_answers401_withoutAJwtIdentity() throws Exception {
        Verdict v = Verdicts.pending();
        verdicts.create(v);
        assertError(api.handle(ApiEvents.get("/verdicts").event(), VerdictApi.Routes.READ), 401, "unauthorized");
        assertError(api.handle(ApiEvents.get("/verdicts/" + v.id()).event(), VerdictApi.Routes.READ), 401, "unauthorized");
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").event(), VerdictApi.Routes.DECIDE),
                401, "unauthorized");
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/reject", "{\"reason\":\"x\"}").event(),
                VerdictApi.Routes.DECIDE), 401, "unauthorized");
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/outcome", "{}").event(), VerdictApi.Routes.DECIDE),
                401, "unauthorized");
        // claims present but none naming anybody
        assertError(api.handle(ApiEvents.get("/verdicts").claims(Map.of("cognito:groups", "[soc-analysts]")).event(),
                VerdictApi.Routes.READ), 401, "unauthorized");
    }

    @Test
    void everyAnalystRoute_answers403_forACallerOutsideTheAnalystGroup() throws Exception {
        Verdict v = Verdicts.pending();
        verdicts.create(v);
        Map<String, Object> outsider = Map.of("sub", "u-9", "email", "mallory@example.com", "cognito:groups", "[admins]");
        assertError(api.handle(ApiEvents.get("/verdicts").claims(outsider).event(), VerdictApi.Routes.READ), 403, "forbidden");
        assertError(api.handle(ApiEvents.get("/verdicts/" + v.id()).claims(outsider).event(), VerdictApi.Routes.READ), 403,
                "forbidden");
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}").claims(outsider).event(),
                VerdictApi.Routes.DECIDE), 403, "forbidden");
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/reject", "{\"reason\":\"no\"}").claims(outsider)
                .event(), VerdictApi.Routes.DECIDE), 403, "forbidden");
        // a remediation client cannot approve either
        assertError(api.handle(ApiEvents.post("/verdicts/" + v.id() + "/approve", "{}")
                .claims(Map.of("sub", "client-kestra")).scopes(List.of("soc/remediation")).event(),
                VerdictApi.Routes.DECIDE), 403, "forbidden");
        assertEquals("PENDING", verdicts.status(v.id()).name());
    }

    @Test
    void groupsClaim_isReadInEveryFormItArrivesIn() {
        List<Object> forms = List.of("[soc-analysts admins]", "[soc-analysts]", List.of("admins", "soc-analysts"),
                "[\"admins\",\"soc-analysts\"]", "soc-analysts");
        for (Object groups : forms) {
            HttpResponse r = api.handle(ApiEvents.get("/verdicts").claims(Map.of("sub", "u-2", "cognito:groups", groups))
                    .event(), VerdictApi.Routes.READ);
            assertEquals(200, r.statusCode(), "groups claim " + groups);
        }
        HttpResponse lookalike = api.handle(ApiEvents.get("/verdicts")
                .claims(Map.of("sub", "u-2", "cognito:groups", "[soc-analysts-readonly]")).event(), VerdictApi.Routes.READ);
        assertEquals(403, lookalike.statusCode());
    }

    /** Issue 13 item 12: a group is matched by its whole name; one whose name holds a blank grants nothing else. */
    @Test
    void groupsClaim_isParsedExactly_aGroupNamedWithABlankGrantsNothing() {
        List<Object> forms = List.of("Former soc-analysts", "[\"Former soc-analysts\"]", List.of("Former soc-analysts"),
                "admins,soc-analysts", "soc-analysts admins", "[Former-soc-analysts]", "[soc-analysts,admins]");
        for (Object groups : forms) {
            HttpResponse r = api.handle(ApiEvents.get("/verdicts").claims(Map.of("sub", "u-2", "cognito:groups", groups))
                    .event(), VerdictApi.Routes.READ);
            assertEquals(403, r.statusCode(), "groups claim " + groups);
        }
    }

    /** Issue 13 item 12: decidedBy is an e-mail address only when the token says it was verified. */
    @Test
    void decidedBy_isTheEmailOnlyWhenVerified_elseTheUsernameOrSubject() throws Exception {
        Map<String, Map<String, Object>> callers = Map.of(
                "mallory", Map.of("sub", "u-7", "email", "ceo@example.com", "username", "mallory",
                        "cognito:groups", "[soc-analysts]"),
                "u-8", Map.of("sub", "u-8", "email", "ceo@example.com", "email_verified", "false",
                        "cognito:groups", "[soc-analysts]"),
                "carol@example.com", Map.of("sub", "u-9", "email", "carol@example.com", "email_verified", true,
                        "username", "carol", "cognito:groups", "[soc-analysts]"));
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> c : callers.entrySet()) {
            Verdict v = Verdicts.pending(Severity.HIGH, Instant.parse("2099-02-01T00:00:00Z").plusSeconds(i++),
                    "decided-by|" + c.getKey());
            verdicts.create(v);

            HttpResponse r = api.handle(ApiEvents.post("/verdicts/" + v.id() + "/reject", "{\"reason\":\"no\"}")
                    .claims(c.getValue()).event(), VerdictApi.Routes.DECIDE);

            assertEquals(200, r.statusCode(), r.body());
            assertEquals(c.getKey(), mapper.readTree(r.body()).get("decidedBy").asText());
        }
    }

    /** Issue 13 item 11: a nextToken whose position lies below the requested severity is the caller's error. */
    @Test
    void list_answers400_forAForgedTokenBelowTheRequestedSeverity() throws Exception {
        String id = Verdicts.pending().id();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("1\nPENDING\nhigh\n" + id + "\n1#2099-01-01T00:00:00.000Z").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertError(api.handle(ApiEvents.get("/verdicts").query("severity", "high").query("nextToken", forged).asAnalyst()
                .event(), VerdictApi.Routes.READ), 400, "invalid_next_token");
    }

    @Test
    void routing_answers404ForRoutesOfTheOtherFunction_and405ForAWrongMethod() throws Exception {
        String id = dev.soctriage.verdict.VerdictFixtures.unknownId();
        assertError(api.handle(ApiEvents.post("/verdicts/" + id + "/approve", "{}").asAnalyst().event(),
                VerdictApi.Routes.READ), 404, "not_found");
        assertError(api.handle(ApiEvents.get("/verdicts").asAnalyst().event(), VerdictApi.Routes.DECIDE), 404, "not_found");
        assertError(api.handle(ApiEvents.get("/health").asAnalyst().event(), VerdictApi.Routes.READ), 404, "not_found");
        assertError(api.handle(ApiEvents.get("/verdicts/" + id + "/delete").asAnalyst().event(), VerdictApi.Routes.READ),
                404, "not_found");

        HttpResponse post = api.handle(ApiEvents.post("/verdicts", "{}").asAnalyst().event(), VerdictApi.Routes.READ);
        assertError(post, 405, "method_not_allowed");
        assertEquals("GET", post.headers().get("allow"));
        HttpResponse get = api.handle(ApiEvents.get("/verdicts/" + id + "/approve").asAnalyst().event(),
                VerdictApi.Routes.DECIDE);
        assertError(get, 405, "method_not_allowed");
        assertEquals("POST", get.headers().get("allow"));
    }

    @Test
    void routing_stripsANamedStage_butNotTheDefaultOne() {
        Verdict v = Verdicts.pending();
        verdicts.create(v);
        HttpResponse staged = api.handle(ApiEvents.get("/verdicts/" + v.id()).stage("prod").asAnalyst().event(),
                VerdictApi.Routes.READ);
        assertEquals(200, staged.statusCode());
        HttpResponse list = api.handle(ApiEvents.get("/verdicts").stage("prod").asAnalyst().event(), VerdictApi.Routes.READ);
        assertEquals(200, list.statusCode());
    }

    @Test
    void list_answers400_forAMalformedQueryOrToken() throws Exception {
        Map<String, String> bad = Map.of("status", "OPEN", "severity", "urgent", "limit", "0");
        for (Map.Entry<String, String> q : bad.entrySet()) {
            assertError(api.handle(ApiEvents.get("/verdicts").query(q.getKey(), q.getValue()).asAnalyst().event(),
                    VerdictApi.Routes.READ), 400, "invalid_query");
        }
        for (String limit : List.of("101", "-1", "abc", "5.5", "1e2", "")) {
            assertError(api.handle(ApiEvents.get("/verdicts").query("limit", limit).asAnalyst().event(),
                    VerdictApi.Routes.READ), 400, "invalid_query");
        }
        for (String token : List.of("not-a-token!", "", Base64.getUrlEncoder().encodeToString("1\nPENDING\n\nx\ny".getBytes()))) {
            assertError(api.handle(ApiEvents.get("/verdicts").query("nextToken", token).asAnalyst().event(),
                    VerdictApi.Routes.READ), 400, "invalid_next_token");
        }
    }

    @Test
    void list_keepsTheSeverityAndAbove_criticalFirstThenNewest_pagingWithNextToken() throws Exception {
        Instant t = Instant.parse("2099-01-01T00:00:00Z");
        List<Verdict> criticals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Verdict v = Verdicts.pending(Severity.CRITICAL, t.plusSeconds(i), "g|" + i);
            criticals.add(v);
            verdicts.create(v);
        }
        Verdict low = Verdicts.pending(Severity.LOW, t.plusSeconds(10), "g|low");
        verdicts.create(low);

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiEvents e = ApiEvents.get("/verdicts").query("severity", "critical").query("limit", "2").asAnalyst();
            if (token != null) {
                e.query("nextToken", token);
            }
            HttpResponse r = api.handle(e.event(), VerdictApi.Routes.READ);
            assertEquals(200, r.statusCode());
            JsonNode page = mapper.readTree(r.body());
            assertTrue(page.has("nextToken"));
            assertTrue(page.get("items").size() <= 2);
            page.get("items").forEach(i -> {
                assertEquals("critical", i.get("severity").asText());
                assertEquals("PENDING", i.get("status").asText());
                seen.add(i.get("id").asText());
            });
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
            pages++;
        } while (token != null && pages < 100);

        List<String> newestFirst = new ArrayList<>(criticals.stream().map(Verdict::id).toList());
        java.util.Collections.reverse(newestFirst);
        List<String> ours = seen.stream().filter(newestFirst::contains).toList();
        assertEquals(newestFirst, ours);
        assertTrue(pages >= 3, "five verdicts at two a page take at least three pages");
        assertFalse(seen.contains(low.id()));
        assertEquals(new HashSet<>(seen).size(), seen.size(), "no verdict on two pages");
    }

    @Test
    void list_defaultsToPendingAndFifty_andAnswersNullNextTokenOnTheLastPage() throws Exception {
        for (int i = 0; i < 51; i++) {
            verdicts.create(Verdicts.pending(Severity.MEDIUM, Instant.now(), "bulk|" + i));
        }
        JsonNode first = mapper.readTree(api.handle(ApiEvents.get("/verdicts").asAnalyst().event(), VerdictApi.Routes.READ)
                .body());
        assertEquals(50, first.get("items").size());
        assertFalse(first.get("nextToken").isNull());
        Set<String> statuses = new HashSet<>();
        first.get("items").forEach(i -> statuses.add(i.get("status").asText()));
        assertEquals(Set.of("PENDING"), statuses);

        JsonNode none = mapper.readTree(api.handle(ApiEvents.get("/verdicts").query("status", "REMEDIATION_FAILED")
                .query("severity", "critical").asAnalyst().event(), VerdictApi.Routes.READ).body());
        assertEquals(0, none.get("items").size());
        assertTrue(none.get("nextToken").isNull());
    }

    @Test
    void list_byLastSeen_answersLatestActivityFirst_keepingTheSeverityFilter_andPaging() throws Exception {
        Instant t = Instant.parse("2098-01-01T00:00:00Z");
        List<Verdict> ours = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // created in one order, last active in the opposite one
            Verdict v = lastSeen(Verdicts.pending(Severity.HIGH, t.plusSeconds(i), "act|" + i), t.plusSeconds(1000 - i));
            ours.add(v);
            verdicts.create(v);
        }
        Verdict low = lastSeen(Verdicts.pending(Severity.LOW, t, "act|low"), t.plusSeconds(5000));
        verdicts.create(low);

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiEvents e = ApiEvents.get("/verdicts").query("order", "lastSeen").query("severity", "high").query("limit", "2")
                    .asAnalyst();
            if (token != null) {
                e.query("nextToken", token);
            }
            HttpResponse r = api.handle(e.event(), VerdictApi.Routes.READ);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = mapper.readTree(r.body());
            page.get("items").forEach(i -> seen.add(i.get("id").asText()));
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
            pages++;
        } while (token != null && pages < 200);

        assertEquals(ours.stream().map(Verdict::id).toList(), seen.stream().filter(
                id -> ours.stream().anyMatch(v -> v.id().equals(id))).toList(), "latest activity first");
        assertFalse(seen.contains(low.id()), "severity=high keeps high and above");
        assertError(api.handle(ApiEvents.get("/verdicts").query("order", "newest").asAnalyst().event(),
                VerdictApi.Routes.READ), 400, "invalid_query");
        // a token of one order is no token of the other
        String severityToken = mapper.readTree(api.handle(ApiEvents.get("/verdicts").query("limit", "1").asAnalyst()
                .event(), VerdictApi.Routes.READ).body()).get("nextToken").asText();
        assertError(api.handle(ApiEvents.get("/verdicts").query("order", "lastSeen").query("limit", "1")
                .query("nextToken", severityToken).asAnalyst().event(), VerdictApi.Routes.READ), 400,
                "invalid_next_token");
    }

    private static Verdict lastSeen(Verdict v, Instant t) {
        Verdict.Evidence e = v.evidence();
        return new Verdict(v.id(), v.status(), v.assessment(), new Verdict.Evidence(e.lines(), e.eventCount(),
                e.deliveries(), e.firstSeen(), t.toString(), e.source(), e.sources(), e.timeline(),
                e.suppressedEvents()), v.createdAt(), v.lineage(), v.decision(), v.remediation());
    }

    /** list-pending end to end: an API Gateway event JSON through the Lambda mock event server. */
    @Test
    void listPending_endToEnd_throughTheLambdaEventServer() throws Exception {
        Verdict v = Verdicts.pending();
        verdicts.create(v);
        String event = """
                {"version":"2.0","routeKey":"GET /verdicts/{id}","rawPath":"/verdicts/%1$s","rawQueryString":"",
                 "cookies":[],"headers":{"accept":"application/json","host":"api.example.com"},
                 "pathParameters":{"id":"%1$s"},
                 "requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"api.example.com",
                   "http":{"method":"GET","path":"/verdicts/%1$s","protocol":"HTTP/1.1","sourceIp":"198.51.100.20",
                           "userAgent":"curl/8"},
                   "requestId":"r-1","routeKey":"GET /verdicts/{id}","stage":"$default","time":"24/Nov/2026:10:00:00 +0000",
                   "timeEpoch":1795600000000,
                   "authorizer":{"jwt":{"claims":{"sub":"u-1","email":"alice@example.com",
                     "cognito:groups":"[soc-analysts admins]","iss":"https://cognito-idp.eu-west-1.amazonaws.com/x",
                     "token_use":"id"},"scopes":null}}},
                 "isBase64Encoded":false}
                """.formatted(v.id());
        JsonNode answer = LambdaEventServer.answer(event);

        assertEquals(200, answer.get("statusCode").asInt());
        assertEquals("application/json", answer.get("headers").get("content-type").asText());
        assertEquals(v.id(), LambdaEventServer.body(answer).get("id").asText());
    }

    private void assertError(HttpResponse r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().get("content-type"));
        JsonNode body = mapper.readTree(r.body());
        assertEquals(code, body.get("error").asText(), r.body());
        assertTrue(body.hasNonNull("message") && !body.get("message").asText().isBlank(), r.body());
    }
}
