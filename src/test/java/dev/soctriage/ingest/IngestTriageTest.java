package dev.soctriage.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import dev.soctriage.fixtures.LambdaEventServer;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.S3MockResource;
import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;
import dev.soctriage.text.Digests;
import dev.soctriage.verdict.Suppressions;
import dev.soctriage.verdict.Verdict;

/**
 * ingest-triage on real servers: dynalite for DynamoDB, S3Mock for S3. Each source uses its own
 * attacker address so that the verdicts of one test never satisfy another's assertions.
 */
@QuarkusTest
@TestProfile(IngestProfile.class)
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = S3MockResource.class, restrictToAnnotatedClass = true)
class IngestTriageTest {
    static final String BUCKET = "soc-logs";
    static final long NOV_24_10H = java.time.Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    @Inject
    IngestPipeline pipeline;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    Suppressions suppressions;
    @Inject
    S3Client s3;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    IngestConfig ingestConfig;
    @Inject
    dev.soctriage.verdict.SourceReadings readings;

    @BeforeEach
    void bucket() {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Test
    void cloudWatchBruteForce_becomesOnePendingBlockIpVerdict_andBenignLinesNone() {
        String group = "/aws/ec2/auth/" + UUID.randomUUID();
        List<String> lines = new ArrayList<>(IngestEvents.sshBruteForce("203.0.113.7", 40));
        lines.add("Nov 24 10:05:00 ip-10-0-1-5 sshd[999]: Accepted publickey for deploy from 198.51.100.20 port 50000 ssh2");

        // envelope timestamps agree with the syslog times in the lines (2026-11-24T10:00:00Z + i s)
        IngestResult r = pipeline.ingest(IngestEvents.cloudWatch(group, "i-0abc", lines, NOV_24_10H));

        assertEquals(41, r.events());
        assertEquals(1, r.verdicts());
        assertEquals(0, r.duplicates());
        assertEquals(0, r.failed());
        Verdict v = verdicts.onlyPendingFrom(group);
        assertEquals(Status.PENDING, v.status());
        assertEquals(Action.BLOCK_IP, v.action());
        assertEquals("203.0.113.7", v.target());
        assertEquals("ip", v.assessment().targetType());
        assertEquals("rules", v.assessment().engine());
        assertEquals(40, v.eventCount());
        assertEquals(20, v.evidence().lines().size());
        assertEquals(lines.get(0), v.evidence().lines().get(0));
        assertEquals("2026-11-24T10:00:00Z", v.evidence().firstSeen());
        assertEquals("2026-11-24T10:00:39Z", v.evidence().lastSeen());
        assertEquals(group, v.evidence().source());
    }

    @Test
    void redelivery_addsNoSecondVerdict_andCountsDuplicates() {
        String group = "/aws/ec2/auth/" + UUID.randomUUID();
        ObjectNode event = IngestEvents.cloudWatch(group, "i-0abc", IngestEvents.sshBruteForce("203.0.113.8", 12), NOV_24_10H);
        assertEquals(1, pipeline.ingest(event).verdicts());

        IngestResult again = pipeline.ingest(event);

        assertEquals(0, again.verdicts());
        assertEquals(12, again.duplicates());
        assertEquals(1, verdicts.pendingFrom(group).size());
    }

    @Test
    void falsePositiveRejection_keepsTheGroupOutOfTheQueue_andTheNextVerdictCarriesTheCountAndTheLink() {
        // given a verdict an analyst rejected as a false positive
        String group = "/aws/ec2/auth/" + UUID.randomUUID();
        IngestResult first = pipeline.ingest(IngestEvents.cloudWatch(group, "a", IngestEvents.sshBruteForce("203.0.113.16", 9), NOV_24_10H));
        assertEquals(1, first.verdicts());
        Verdict rejected = verdicts.onlyPendingFrom(group);
        java.time.Instant now = java.time.Instant.now();
        List<String> keys = verdicts.rejectAsFalsePositive(rejected.id(), "alice@example.com", now);
        assertEquals(1, keys.size());
        String key = keys.get(0);

        // when the same activity comes back while the suppression holds
        IngestResult during = pipeline.ingest(IngestEvents.cloudWatch(group, "b", IngestEvents.sshBruteForce("203.0.113.16", 7), NOV_24_10H + 60_000));

        // then nothing is queued, and the suppression counts what it dropped
        assertEquals(0, during.verdicts());
        assertEquals(0, verdicts.pendingFrom(group).size());
        assertEquals(7, suppression(key).orElseThrow().events());

        // the suppression ends (as if its week had passed)
        dynamo.updateItem(b -> b.tableName("soc-verdicts")
                .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS("s_" + dev.soctriage.text.Digests.sha256Hex(key).substring(0, 32))))
                .updateExpression("SET suppressedUntil = :t").expressionAttributeValues(java.util.Map.of(":t",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(now.minusSeconds(1).toString()))));
        IngestResult after = pipeline.ingest(IngestEvents.cloudWatch(group, "c", IngestEvents.sshBruteForce("203.0.113.16", 6), NOV_24_10H + 120_000));

        // then a new verdict opens, linked to the rejected one, carrying what was dropped meanwhile
        assertEquals(1, after.verdicts());
        Verdict next = verdicts.onlyPendingFrom(group);
        assertEquals(6, next.eventCount());
        assertEquals(7L, next.evidence().suppressedEvents());
        assertEquals(rejected.id(), next.lineage().previousVerdictId());
        assertEquals(Status.REJECTED, next.lineage().previousDecision().status());
        assertEquals("false_positive", next.lineage().previousDecision().comment());
        assertEquals(0, suppression(key).orElseThrow().events());
    }

    @Test
    void cloudWatchControlMessage_isAcknowledged_andProducesNothing() {
        IngestResult r = pipeline.ingest(IngestEvents.cloudWatchControl());
        assertEquals(IngestResult.EMPTY, r);
    }

    @Test
    void s3Notification_readsPlainAndGzipObjects_withUrlEncodedKeys() {
        String key = "AWSLogs/ssh logs/" + UUID.randomUUID() + "/auth.log";
        put(key, String.join("\n", IngestEvents.sshBruteForce("203.0.113.9", 10)).getBytes(StandardCharsets.UTF_8));
        IngestResult plain = pipeline.ingest(IngestEvents.s3Notification(BUCKET, key, 100));
        assertEquals(10, plain.events());
        assertEquals("203.0.113.9", verdicts.onlyPendingFrom("s3://" + BUCKET + "/" + key).target());

        String gzKey = "AWSLogs/" + UUID.randomUUID() + "/auth.log.gz";
        put(gzKey, IngestEvents.gzip(String.join("\r\n", IngestEvents.sshBruteForce("203.0.113.10", 10)).getBytes(StandardCharsets.UTF_8)));
        IngestResult gz = pipeline.ingest(IngestEvents.s3Notification(BUCKET, gzKey, 100));
        assertEquals(10, gz.events());
        assertEquals("203.0.113.10", verdicts.onlyPendingFrom("s3://" + BUCKET + "/" + gzKey).target());
    }

    @Test
    void eventBridgeObjectCreated_readsTheObject() {
        String key = "eb/" + UUID.randomUUID() + "/auth.log";
        put(key, String.join("\n", IngestEvents.sshBruteForce("203.0.113.11", 8)).getBytes(StandardCharsets.UTF_8));
        IngestResult r = pipeline.ingest(IngestEvents.eventBridgeObjectCreated(BUCKET, key, 100));
        assertEquals(8, r.events());
        assertEquals(1, r.verdicts());
        assertEquals("203.0.113.11", verdicts.onlyPendingFrom("s3://" + BUCKET + "/" + key).target());
    }

    @Test
    void cloudTrailFile_isSplitPerRecord_andACorruptRecordIsCountedNotFatal() {
        String key = "AWSLogs/123456789012/CloudTrail/us-east-1/" + UUID.randomUUID() + ".json.gz";
        String file = "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventName\":\"ConsoleLogin\",\"sourceIPAddress\":\"198.51.100.7\"},"
                + "42,{\"eventVersion\":\"1.08\",\"eventName\":\"DescribeInstances\",\"sourceIPAddress\":\"198.51.100.8\"}]}";
        put(key, IngestEvents.gzip(file.getBytes(StandardCharsets.UTF_8)));
        IngestResult r = pipeline.ingest(IngestEvents.s3Notification(BUCKET, key, file.length()));
        assertEquals(2, r.events());
        assertEquals(1, r.failed());
    }

    @Test
    void s3ObjectWhoseFirstLineIsRecordsJson_isReadAsLines_noneDropped() {
        // given an application log whose first line is an SQS event it logged, then a brute force
        String key = "app/" + UUID.randomUUID() + "/worker.log";
        List<String> lines = new ArrayList<>();
        lines.add("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"messageId\":\"m-1\",\"body\":\"resize image 42\"}]}");
        lines.addAll(IngestEvents.sshBruteForce("203.0.113.66", 12));
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        put(key, body);

        IngestResult r = pipeline.ingest(IngestEvents.s3Notification(BUCKET, key, body.length));

        // then every line is an event, nothing counted as failed, and the brute force is found
        assertEquals(13, r.events());
        assertEquals(0, r.failed());
        assertEquals("203.0.113.66", verdicts.onlyPendingFrom("s3://" + BUCKET + "/" + key).target());
    }

    @Test
    void cloudTrailFile_followedByAnything_isLines_andOneAlone_isRecords_pastTheMemoryHoldToo() {
        // given CloudTrail-looking objects bigger than a reader's hold (so they are read a second time)
        S3LogReader smallHold = new S3LogReader(s3, new com.fasterxml.jackson.databind.ObjectMapper(), ingestConfig, 256);
        StringBuilder trail = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 40; i++) {
            trail.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",")
                    .append("\"eventName\":\"GetObject\",\"sourceIPAddress\":\"203.0.113.67\"}");
        }
        trail.append("]}");
        String whole = "trail/" + UUID.randomUUID() + ".json.gz";
        put(whole, IngestEvents.gzip((trail + "\n  \n").getBytes(StandardCharsets.UTF_8)));
        String followed = "trail/" + UUID.randomUUID() + ".log";
        put(followed, (trail + "\nNov 24 10:00:00 h sshd[1]: Accepted publickey for deploy from 198.51.100.20 port 5 ssh2\n")
                .getBytes(StandardCharsets.UTF_8));

        // then the lone document is its 40 records, the document with a line after it is 2 lines
        assertEquals(40, events(smallHold, whole).size());
        List<String> lines = events(smallHold, followed);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("Accepted publickey"), lines.get(1));
    }

    @Test
    void versionedBucket_readsTheVersionTheNotificationNames_notTheNewest() {
        // given a versioned bucket whose object was overwritten after the first notification
        String bucket = "soc-logs-versioned";
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        String key = "auth/" + UUID.randomUUID() + ".log";
        String v1 = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(
                String.join("\n", IngestEvents.sshBruteForce("203.0.113.68", 8)))).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(
                String.join("\n", IngestEvents.sshBruteForce("203.0.113.69", 9)))).versionId();
        assertTrue(v1 != null && !v1.equals(v2), "the bucket keeps versions: " + v1 + ", " + v2);

        // when both notifications arrive, each naming its version (S3 and EventBridge spellings)
        ObjectNode first = IngestEvents.s3Notification(bucket, key, 100);
        ((ObjectNode) first.get("Records").get(0).get("s3").get("object")).put("versionId", v1);
        ObjectNode second = IngestEvents.eventBridgeObjectCreated(bucket, key, 100);
        ((ObjectNode) second.get("detail").get("object")).put("version-id", v2);
        IngestResult r1 = pipeline.ingest(first);
        IngestResult r2 = pipeline.ingest(second);

        // then the first version's lines were triaged, and the second's
        assertEquals(8, r1.events());
        assertEquals(9, r2.events());
        List<String> targets = verdicts.pendingFrom("s3://" + bucket + "/" + key).stream().map(Verdict::target).sorted().toList();
        assertEquals(List.of("203.0.113.68", "203.0.113.69"), targets);
    }

    private static List<String> events(S3LogReader reader, String key) {
        List<String> out = new ArrayList<>();
        try (LogBatch b = reader.read(new S3ObjectRef(BUCKET, key))) {
            b.forEachChunk(1000, chunk -> chunk.forEach(e -> out.add(e.message())));
            assertEquals(List.of(), b.failures());
        }
        return out;
    }

    @Test
    void invalidUtf8AndHugeLines_areReplacedAndCut_notFatal() {
        String key = "raw/" + UUID.randomUUID() + ".log";
        byte[] bad = "Nov 24 10:00:00 h sshd[1]: Failed password for r\u00f6ot from 203.0.113.12 port 1 ssh2\n"
                .getBytes(StandardCharsets.ISO_8859_1); // ö as a lone 0xF6 byte: invalid UTF-8
        String huge = "x".repeat(70 * 1024);
        byte[] body = (new String(bad, StandardCharsets.ISO_8859_1) + huge + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        put(key, body);
        IngestResult r = pipeline.ingest(IngestEvents.s3Notification(BUCKET, key, body.length));
        assertEquals(2, r.events());
        assertEquals(0, r.failed());
    }

    @Test
    void directLines_areTriagedUnderTheirSource() {
        String source = "nginx/" + UUID.randomUUID();
        List<String> lines = List.of(
                "203.0.113.13 - - [24/Nov/2026:10:00:00 +0000] \"GET /item?id=1%20UNION%20SELECT%20password%20FROM%20users HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"",
                "198.51.100.30 - - [24/Nov/2026:10:00:01 +0000] \"GET /index.html HTTP/1.1\" 200 1024 \"-\" \"Mozilla/5.0\"");
        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));
        assertEquals(2, r.events());
        assertEquals(1, r.verdicts());
        Verdict v = verdicts.onlyPendingFrom(source);
        assertEquals("203.0.113.13", v.target());
        assertEquals(Severity.HIGH, v.severity());
    }

    @Test
    void bruteForcesFromIpv6SpecialPurposeBlocks_areNeverBlocked() {
        // given sshd brute forces from addresses IANA's IPv6 registry marks not globally reachable
        String source = "/aws/ec2/auth/" + UUID.randomUUID();
        List<String> attackers = List.of("2001:2::1", "64:ff9b:1::a00:1", "100::1", "5f00::1");
        List<String> lines = new ArrayList<>();
        attackers.forEach(ip -> lines.addAll(IngestEvents.sshBruteForce(ip, 8)));

        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));

        // then each is still a finding for the analyst, but none proposes to block a never-public address
        assertEquals(32, r.events());
        List<Verdict> found = verdicts.pendingFrom(source);
        assertTrue(!found.isEmpty(), "the brute forces are still findings");
        for (Verdict v : found) {
            assertEquals(Action.MONITOR, v.action(), v.target() + ": " + v.assessment().guard());
            assertTrue(v.assessment().guard().contains("not a public address"), v.assessment().guard());
        }
    }

    @Test
    void groupsWithTheSamePlan_becomeOneVerdict_withTheirCountsAndEvidenceTogether() {
        String source = "nginx/" + UUID.randomUUID();
        List<String> lines = List.of(
                "203.0.113.17 - - [24/Nov/2026:10:00:00 +0000] \"GET /item?id=1%20UNION%20SELECT%20password%20FROM%20users HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"",
                "203.0.113.17 - - [24/Nov/2026:10:00:05 +0000] \"POST /search?q=1'%20OR%20'1'='1 HTTP/1.1\" 500 17 \"-\" \"curl/8.0\"");

        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));

        assertEquals(2, r.groups(), "two request templates, two groups");
        assertEquals(1, r.verdicts(), "one thing to decide");
        Verdict v = verdicts.onlyPendingFrom(source);
        assertEquals("203.0.113.17", v.target());
        assertEquals(2, v.eventCount());
        assertEquals(lines, v.evidence().lines());
        assertEquals("2026-11-24T10:00:00Z", v.evidence().firstSeen());
        assertEquals("2026-11-24T10:00:05Z", v.evidence().lastSeen());
    }

    @Test
    void malformedEnvelopes_failWithAClearError_andWriteNothing() {
        long before = items();
        List<ObjectNode> bad = List.of(
                IngestEvents.awslogs("not gzip".getBytes(StandardCharsets.UTF_8)),
                IngestEvents.awslogs(IngestEvents.gzip("{not json".getBytes(StandardCharsets.UTF_8))),
                IngestEvents.awslogs(IngestEvents.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}".getBytes(StandardCharsets.UTF_8))),
                (ObjectNode) IngestEvents.JSON.createObjectNode().set("awslogs", IngestEvents.JSON.createObjectNode().put("data", "%%%")),
                withField(IngestEvents.s3Notification(BUCKET, "k", 1), "eventSource", "aws:sqs"),
                noBucket(IngestEvents.s3Notification(BUCKET, "k", 1)),
                IngestEvents.eventBridgeObjectCreated(BUCKET, "k", 1).put("detail-type", "Object Deleted"),
                IngestEvents.JSON.createObjectNode().put("source", "x").put("lines", "not an array"),
                IngestEvents.JSON.createObjectNode().put("hello", "world"));
        for (ObjectNode e : bad) {
            MalformedEventException ex = assertThrows(MalformedEventException.class, () -> pipeline.ingest(e), e.toString());
            assertTrue(ex.getMessage().length() > 10, ex.getMessage());
        }
        assertEquals(before, items());
    }

    @Test
    void linesOfNoKnownFormat_areCountedPerSource_withCutSamples_andARedeliveryAddsNothing() {
        String source = "direct/reading/" + UUID.randomUUID();
        String longJunk = "\u0001\u0002 frame " + "x".repeat(5000);
        List<String> lines = List.of(
                "Nov 24 10:00:01 web-1 sshd[41]: Accepted publickey for deploy from 198.51.100.20 port 50000 ssh2",
                "@@ 0x7f45 a binary dump, no format of ours",
                longJunk,
                "Nov 24 10:00:02 web-1 cron[42]: (root) CMD (run-parts /etc/cron.hourly)");

        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));

        assertEquals(java.util.Map.of("sshd", 1L, "syslog", 1L, "text", 2L), r.formats());
        assertEquals(2, r.unknownLines());
        assertEquals(2, r.unknownSamples().size());
        assertEquals("@@ 0x7f45 a binary dump, no format of ours", r.unknownSamples().get(0));
        String cut = r.unknownSamples().get(1);
        assertTrue(cut.length() <= dev.soctriage.model.SourceReading.SAMPLE_CHARS, "a sample is capped: " + cut.length());
        assertTrue(cut.endsWith(dev.soctriage.text.UntrustedText.TRUNCATED), "and says so");

        dev.soctriage.model.SourceReading stored = reading(source);
        assertEquals(1, stored.deliveries());
        assertEquals(4, stored.lines());
        assertEquals(2, stored.unknownLines());
        assertEquals(java.util.Map.of("sshd", 1L, "syslog", 1L, "text", 2L), stored.formats());
        assertEquals(r.unknownSamples(), stored.unknownSamples());

        // a second delivery adds to the counters; a delivery seen before is not read again
        IngestResult second = pipeline.ingest(IngestEvents.direct(source, List.of("plain words, no known format")));
        assertEquals(1, second.unknownLines());
        ObjectNode repeated = IngestEvents.cloudWatch(source, "s", List.of("more words, no format"), NOV_24_10H);
        pipeline.ingest(repeated);
        IngestResult duplicate = pipeline.ingest(repeated);
        assertEquals(java.util.Map.of(), duplicate.formats());
        dev.soctriage.model.SourceReading after = reading(source);
        assertEquals(3, after.deliveries());
        assertEquals(6, after.lines());
        assertEquals(4, after.unknownLines());
        assertEquals(List.of("more words, no format"), after.unknownSamples(), "the latest delivery's samples");
    }

    private dev.soctriage.model.SourceReading reading(String source) {
        return readings.recent(100).stream().filter(x -> x.source().equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading for " + source));
    }

    @Test
    void missingS3Object_failsTheInvocationAsTransient_andWritesNothing() {
        long before = items();
        assertThrows(SourceUnavailableException.class,
                () -> pipeline.ingest(IngestEvents.s3Notification(BUCKET, "missing/" + UUID.randomUUID(), 1)));
        assertEquals(before, items());
    }

    @Test
    void function_answersThroughTheLambdaRuntime_withTheContractsResult() {
        String source = "direct/" + UUID.randomUUID();
        RestAssured.given().body(IngestEvents.direct(source, IngestEvents.sshBruteForce("203.0.113.14", 6)).toString())
                .post(lambdaUrl())
                .then().statusCode(200)
                .body("events", equalTo(6)).body("groups", equalTo(1)).body("verdicts", equalTo(1))
                .body("duplicates", equalTo(0)).body("llmCalls", equalTo(0)).body("failed", equalTo(0))
                .body("formats.sshd", equalTo(6)).body("unknownLines", equalTo(0));

        String key = "lambda/" + UUID.randomUUID() + "/auth.log";
        put(key, String.join("\n", IngestEvents.sshBruteForce("203.0.113.15", 7)).getBytes(StandardCharsets.UTF_8));
        RestAssured.given().body(IngestEvents.s3Notification(BUCKET, key, 100).toString()).post(lambdaUrl())
                .then().statusCode(200).body("events", equalTo(7)).body("verdicts", equalTo(1));
        assertEquals("203.0.113.15", verdicts.onlyPendingFrom("s3://" + BUCKET + "/" + key).target());

        RestAssured.given().body("{\"hello\":\"world\"}").post(lambdaUrl())
                .then().statusCode(500).body("errorMessage", containsString("unrecognised event"));
    }

    /** Issue 13 item 1: one hostile app-log line costs at most its own group, never the delivery. */
    @Test
    void hostileLongUserBesideABruteForce_costsNoOtherGroup_andTheDeliveryIsTriaged() {
        String source = "app/" + UUID.randomUUID();
        List<String> lines = new ArrayList<>(IngestEvents.sshBruteForce("203.0.113.64", 8));
        lines.add("{\"level\":\"error\",\"user\":\"" + "u".repeat(400) + "\",\"msg\":\"query failed: id=1' OR '1'='1' --\"}");

        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));

        assertEquals(9, r.events());
        List<Verdict> found = verdicts.pendingFrom(source);
        assertTrue(found.stream().anyMatch(v -> v.action() == Action.BLOCK_IP && "203.0.113.64".equals(v.target())),
                "the brute force is triaged: " + found);
        assertTrue(found.stream().allMatch(v -> v.target() == null || v.target().length() <= 320));
    }

    /** Issue 13 item 5: a read cut off mid-object is transient: the invocation fails, nothing is marked done. */
    @Test
    void s3ReadBrokenMidObject_failsAsTransient_andKeepsNoPartOfTheFile() throws Exception {
        StringBuilder file = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 200; i++) {
            file.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",")
                    .append("\"eventName\":\"GetObject\",\"eventTime\":\"2026-11-24T10:00:00Z\",\"sourceIPAddress\":\"203.0.113.65\"}");
        }
        byte[] body = file.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer broken = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"abc\"");
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            // half the object, then the connection drops
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
            exchange.close();
        });
        broken.start();
        try (S3Client viaBroken = S3Client.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + broken.getAddress().getPort()))
                .forcePathStyle(true).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            S3LogReader reader = new S3LogReader(viaBroken, new com.fasterxml.jackson.databind.ObjectMapper(), ingestConfig);

            // the object is streamed: the break shows while its chunks are read, before any marker
            assertThrows(SourceUnavailableException.class,
                    () -> reader.read(new S3ObjectRef(BUCKET, "trail/cut.json")).forEachChunk(1000, chunk -> { }));
        } finally {
            broken.stop(0);
        }
    }

    private static String lambdaUrl() {
        return LambdaEventServer.url();
    }

    private void put(String key, byte[] body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
    }

    private long items() {
        return dynamo.scan(b -> b.tableName("soc-verdicts").select("COUNT")).count();
    }

    private static ObjectNode withField(ObjectNode e, String field, String value) {
        ((ObjectNode) e.get("Records").get(0)).put(field, value);
        return e;
    }

    private static ObjectNode noBucket(ObjectNode e) {
        ((ObjectNode) e.get("Records").get(0).get("s3")).remove("bucket");
        return e;
    }

    /** The suppression recorded for a group key, read as ingest reads it. */
    private java.util.Optional<Suppressions.Suppression> suppression(String groupKey) {
        return java.util.Optional.ofNullable(suppressions.suppressions(java.util.List.of(groupKey)).get(groupKey));
    }
}
