package dev.soctriage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.approval.ApprovalService;
import dev.soctriage.fixtures.Approvals;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.KestraResource;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.TestKestraConfig;
import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.verdict.StoreConfig;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictConflictException;

/**
 * One open verdict per thing to do (docs/contract.md, invariant 6), through ingest-triage on real
 * servers: dynalite for DynamoDB, the Kestra fake for Kestra. Parallel invocations are threads of this JVM:
 * nothing in the path shares memory between them, only the table, as two Lambda instances would.
 * Each test uses its own attacker address, since a plan spans sources and deliveries.
 */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KestraResource.class, restrictToAnnotatedClass = true)
class OpenVerdictTest {
    static final long NOV_24_10H = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    static final String ALICE = "alice@example.com";
    static final String KESTRA = "kestra";

    @Inject
    IngestPipeline pipeline;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ApprovalService approvals;
    /** The approval workflow built by hand, around a Kestra client more patient than the application's. */
    @Inject
    Approvals handBuilt;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    StoreConfig storeConfig;
    @InjectKestra
    KestraFake kestra;

    @Test
    void sameAttacker_in20DeliveriesOneAfterAnother_isOnePendingVerdict_whoseCountIsTheSum_andRedeliveryAddsNothing() {
        // given twenty deliveries of one brute force, from two log groups, a minute apart
        String ip = "203.0.113.61";
        String[] sources = { "/aws/ec2/auth/" + UUID.randomUUID(), "/aws/ec2/auth/" + UUID.randomUUID() };
        List<ObjectNode> deliveries = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < 20; i++) {
            int n = 5 + i % 4;
            sum += n;
            deliveries.add(IngestEvents.cloudWatch(sources[i % 2], "i-" + i, bruteForce(ip, n, i), NOV_24_10H + i * 60_000L));
        }

        // when they arrive one after another
        for (ObjectNode d : deliveries) {
            assertEquals(1, pipeline.ingest(d).verdicts());
        }

        // then the queue holds one verdict that grew
        Verdict v = onlyOpen(ip);
        assertEquals(Status.PENDING, v.status());
        assertEquals(sum, v.eventCount());
        assertEquals(20, v.evidence().deliveries());
        assertEquals(20, v.evidence().timeline().size());
        assertEquals(Set.of(sources[0], sources[1]), Set.copyOf(v.evidence().sources()));
        assertEquals(sources[0], v.evidence().source());
        assertEquals("2026-11-24T10:00:00Z", v.evidence().firstSeen());
        assertEquals("2026-11-24T10:19:07Z", v.evidence().lastSeen());
        assertEquals(20, v.evidence().lines().size());
        assertEquals(bruteForce(ip, 5, 0).get(0), v.evidence().lines().get(0), "the first lines are kept");
        assertTrue(bruteForce(ip, 8, 19).contains(v.evidence().lines().get(19)), "the latest are appended");
        assertEquals(List.of("SSH brute force"), v.assessment().threatTypes());

        // when every delivery is delivered again: answered from the delivery markers
        for (ObjectNode d : deliveries) {
            IngestResult again = pipeline.ingest(d);
            assertEquals(0, again.verdicts());
        }
        assertEquals(v, onlyOpen(ip));

        // and again after the markers were lost (each delivery stopped before its marker was written)
        deleteDeliveryMarkers();
        for (ObjectNode d : deliveries) {
            IngestResult again = pipeline.ingest(d);
            assertEquals(0, again.verdicts());
            assertEquals(again.events(), again.duplicates());
        }
        assertEquals(v, onlyOpen(ip), "each delivery is counted once, however often it comes");
    }

    @Test
    void sameAttacker_in10DeliveriesAtOnce_fromParallelInvocations_isOneVerdict_whoseCountIsTheSum() throws Exception {
        // given ten deliveries of one new brute force
        String ip = "203.0.113.62";
        String source = "/aws/ec2/auth/" + UUID.randomUUID();
        List<ObjectNode> deliveries = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            int n = 5 + i;
            sum += n;
            deliveries.add(IngestEvents.cloudWatch(source, "i-" + i, bruteForce(ip, n, i), NOV_24_10H + i * 60_000L));
        }

        // when ten invocations process them at the same moment
        List<IngestResult> results = inParallel(deliveries);

        // then one verdict holds them all
        assertEquals(10, results.stream().mapToLong(IngestResult::verdicts).sum(), "each wrote to a verdict");
        Verdict v = onlyOpen(ip);
        assertEquals(sum, v.eventCount());
        assertEquals(10, v.evidence().deliveries());
        assertEquals(10, v.evidence().timeline().size());

        // when all ten come again at once, after their markers were lost
        deleteDeliveryMarkers();
        List<IngestResult> again = inParallel(deliveries);

        // then nothing changed
        assertEquals(0, again.stream().mapToLong(IngestResult::verdicts).sum());
        assertEquals(v, onlyOpen(ip));
    }

    @Test
    void approve_createsOneExecution_andEvidenceArrivingDuringTheApproval_isKept_withoutChangingTheDispatch()
            throws Exception {
        // given a pending medium brute force, and a Kestra that takes a while to answer
        String ip = "203.0.113.63";
        String source = "/aws/ec2/auth/" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.cloudWatch(source, "a", bruteForce(ip, 6, 0), NOV_24_10H));
        Verdict claimed = onlyOpen(ip);
        assertEquals(Severity.MEDIUM, claimed.severity());
        kestra.onCreate(KestraFake.Answer.late(Duration.ofSeconds(6)));
        // the application's Kestra timeout is shorter than that delay: this approval waits longer
        ApprovalService patient = handBuilt.with(TestKestraConfig.basic(kestra.url(), Duration.ofSeconds(60)));

        // when the analyst approves, and while Kestra is being called 60 more attempts arrive
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Verdict> approval = pool.submit(() -> patient.approve(claimed.id(), ALICE, "block it"));
        awaitClaim(claimed.id());
        IngestResult during = pipeline.ingest(IngestEvents.cloudWatch(source, "b", bruteForce(ip, 60, 1), NOV_24_10H + 60_000));
        Verdict approved = approval.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        // then Kestra got one execution, of what was claimed: severity medium, not the high the join made
        assertEquals(1, during.verdicts());
        assertEquals(1, kestra.creates().size());
        Map<String, String> parts = kestra.creates().get(0).parts();
        assertEquals("medium", parts.get("severity"));
        assertEquals(ip, parts.get("target"));
        // and the evidence that arrived meanwhile is on the approved verdict
        assertEquals(Status.APPROVED, approved.status());
        assertEquals(kestra.executions().get(0).get("id").asText(), approved.remediation().kestraExecutionId());
        assertEquals(66, approved.eventCount());
        assertEquals(2, approved.evidence().deliveries());
        assertEquals(Severity.HIGH, approved.severity());
        assertEquals(approved, verdicts.find(claimed.id()));

        // and approving again creates nothing
        assertThrows(VerdictConflictException.class, () -> approvals.approve(claimed.id(), ALICE, null));
        assertEquals(1, kestra.creates().size());
    }

    @Test
    void activityAfterARemediatedBlock_opensANewLinkedVerdict_seenAgainAfterBlock_rankedAtLeastHigh() {
        // given a block_ip verdict that was approved and carried out
        String ip = "203.0.113.64";
        String source = "/aws/ec2/auth/" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.cloudWatch(source, "a", bruteForce(ip, 6, 0), NOV_24_10H));
        Verdict first = onlyOpen(ip);
        String execution = approvals.approve(first.id(), ALICE, null).remediation().kestraExecutionId();
        assertEquals(Status.REMEDIATED, approvals.outcome(first.id(), KESTRA, execution, true, "blocked").status());

        // when the same address is seen again, a medium brute force by itself
        IngestResult r = pipeline.ingest(IngestEvents.cloudWatch(source, "b", bruteForce(ip, 6, 30), NOV_24_10H + 1_800_000));

        // then a new verdict opens that names the block, and ranks high: the block did not hold
        assertEquals(1, r.verdicts());
        Verdict next = onlyOpen(ip);
        assertNotEquals(first.id(), next.id());
        assertEquals(6, next.eventCount());
        assertEquals(first.id(), next.lineage().previousVerdictId());
        assertEquals(Status.REMEDIATED, next.lineage().previousDecision().status());
        assertEquals("alice@example.com", next.lineage().previousDecision().decidedBy());
        assertEquals(verdicts.find(first.id()).decision().decidedAt(),
                next.lineage().previousDecision().decidedAt());
        assertEquals(Verdict.Lineage.SEEN_AFTER_BLOCK, next.lineage().recurrence());
        assertEquals(Severity.HIGH, next.severity());
        assertEquals(Status.REMEDIATED, verdicts.find(first.id()).status(), "the decided one is kept");

        // and later activity joins the new verdict, not the decided one
        pipeline.ingest(IngestEvents.cloudWatch(source, "c", bruteForce(ip, 7, 31), NOV_24_10H + 1_860_000));
        assertEquals(13, verdicts.find(next.id()).eventCount());
        assertEquals(6, verdicts.find(first.id()).eventCount());
    }

    @Test
    void twoTargets_inOneDelivery_areTwoVerdicts() {
        String source = "/aws/ec2/auth/" + UUID.randomUUID();
        List<String> lines = new ArrayList<>(bruteForce("203.0.113.65", 6, 0));
        lines.addAll(bruteForce("198.51.100.65", 7, 0));

        IngestResult r = pipeline.ingest(IngestEvents.cloudWatch(source, "a", lines, NOV_24_10H));

        assertEquals(2, r.verdicts());
        assertEquals(6, onlyOpen("203.0.113.65").eventCount());
        assertEquals(7, onlyOpen("198.51.100.65").eventCount());
        assertNotEquals(onlyOpen("203.0.113.65").id(), onlyOpen("198.51.100.65").id());
    }

    @Test
    void aDecision_duringJoins_leavesNothingLost_eachDeliveryOnTheVerdictItJoined() throws Exception {
        // given an open verdict, and ten deliveries arriving while the analyst rejects it
        String ip = "203.0.113.66";
        String source = "/aws/ec2/auth/" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.cloudWatch(source, "first", bruteForce(ip, 5, 0), NOV_24_10H));
        Verdict first = onlyOpen(ip);
        List<ObjectNode> deliveries = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            deliveries.add(IngestEvents.cloudWatch(source, "i-" + i, bruteForce(ip, 5, i), NOV_24_10H + i * 60_000L));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<List<IngestResult>> arriving = pool.submit(() -> inParallel(deliveries));
        approvals.reject(first.id(), ALICE, "not now");
        arriving.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        // then every event is counted once: on the rejected verdict or on its successor
        Verdict rejected = verdicts.find(first.id());
        assertEquals(Status.REJECTED, rejected.status());
        long onSuccessor = 0;
        List<Verdict> open = open(ip);
        assertTrue(open.size() <= 1, "at most one open verdict: " + open);
        if (!open.isEmpty()) {
            assertEquals(first.id(), open.get(0).lineage().previousVerdictId());
            onSuccessor = open.get(0).eventCount();
        }
        assertEquals(55, rejected.eventCount() + onSuccessor);
        assertNull(rejected.lineage().previousVerdictId());
    }

    private List<IngestResult> inParallel(List<ObjectNode> deliveries) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        CountDownLatch ready = new CountDownLatch(deliveries.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IngestResult>> futures = new ArrayList<>();
        for (ObjectNode d : deliveries) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return pipeline.ingest(d);
            }));
        }
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        go.countDown();
        List<IngestResult> results = new ArrayList<>();
        for (Future<IngestResult> f : futures) {
            results.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return results;
    }

    /** Failed SSH passwords for root from {@code ip} at 10:{minute}:00 + i seconds (one user: brute force). */
    static List<String> bruteForce(String ip, int n, int minute) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(String.format("Nov 24 10:%02d:%02d ip-10-0-1-5 sshd[%d]: Failed password for root from %s port %d ssh2",
                    minute, i, 4000 + i, ip, 40000 + i));
        }
        return lines;
    }

    private List<Verdict> open(String target) {
        List<Verdict> open = new ArrayList<>();
        for (Status s : List.of(Status.PENDING, Status.DISPATCH_FAILED)) {
            verdicts.all(s).stream().filter(v -> target.equals(v.target()) && v.action() == Action.BLOCK_IP)
                    .forEach(open::add);
        }
        return open;
    }

    private Verdict onlyOpen(String target) {
        List<Verdict> l = open(target);
        assertEquals(1, l.size(), "open verdicts for " + target + ": " + l);
        return l.get(0);
    }

    private void awaitClaim(String id) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(storeConfig.table())
                    .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
            if (item.containsKey("claimToken")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the approval never claimed " + id);
    }

    /** Forgets every processed delivery, as if each had stopped after its verdicts and before its marker. */
    private void deleteDeliveryMarkers() {
        dynamo.scanPaginator(b -> b.tableName(storeConfig.table()).projectionExpression("id")).items().forEach(item -> {
            if (item.get("id").s().startsWith("d_")) {
                dynamo.deleteItem(b -> b.tableName(storeConfig.table()).key(Map.of("id", item.get("id"))));
            }
        });
    }
}
