package dev.soctriage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;
import dev.soctriage.verdict.Verdict;

/**
 * The Sigma rules through ingest-triage on dynalite: a correlation opens the verdict and names its
 * rules in {@code detections}; an informational rule alone opens nothing; more of the same in a later
 * delivery joins the open verdict; a failed CloudTrail call is not the call done (invariant 7).
 */
@QuarkusTest
@TestProfile(IngestProfile.class)
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
class DetectionsIngestTest {
    static final String PORT_SCAN = "fe1f934b-1ecb-4f0e-9d72-2622f6c4e884";
    static final String FLOW_REJECTED = "d3fc82f5-11a3-4c47-a540-8eb1e6771578";

    @Inject
    IngestPipeline pipeline;
    @Inject
    StoredVerdicts verdicts;

    static String reject(String src, int port, long t) {
        return "2 111122223333 eni-0a1b2c3d4e5f60718 " + src + " 10.0.1.5 " + (40000 + port) + " " + port + " 6 1 40 " + t
                + " " + (t + 60) + " REJECT OK";
    }

    static List<String> scan(String src, int ports, long start) {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < ports; p++) {
            lines.add(reject(src, 1000 + p, start + p));
        }
        return lines;
    }

    @Test
    void portScan_opensOneVerdict_namingTheCorrelationAndItsBaseRule() {
        String source = "vpc-" + UUID.randomUUID();
        IngestResult r = pipeline.ingest(IngestEvents.direct(source, scan("203.0.113.201", 20, 1765180800)));

        assertEquals(1, r.verdicts());
        Verdict v = verdicts.onlyPendingFrom(source);
        assertEquals("Port scan", v.assessment().threatType());
        assertEquals(Severity.MEDIUM, v.severity());
        assertEquals(Action.BLOCK_IP, v.action());
        assertEquals("203.0.113.201", v.target());
        assertEquals(List.of("T1046"), v.assessment().mitre().stream().filter(m -> m.equals("T1046")).toList());
        List<String> ids = v.assessment().detections().stream().map(Detection::id).toList();
        assertEquals(java.util.Set.of(FLOW_REJECTED, PORT_SCAN), java.util.Set.copyOf(ids));
        Detection scan = v.assessment().detections().stream().filter(d -> d.id().equals(PORT_SCAN)).findFirst().orElseThrow();
        assertEquals("medium", scan.level());
        assertEquals("built-in", scan.pack());
        assertTrue(scan.description().startsWith("One source rejected on many distinct destination ports"));
        assertEquals(List.of("https://attack.mitre.org/techniques/T1046/"), scan.references());
        assertTrue(v.assessment().reasoning().contains("Port scan"), v.assessment().reasoning());
    }

    @Test
    void informationalMatches_aloneOpenNothing() {
        String source = "vpc-" + UUID.randomUUID();
        IngestResult r = pipeline.ingest(IngestEvents.direct(source, scan("203.0.113.202", 3, 1765180800)));

        assertEquals(3, r.events());
        assertEquals(0, r.verdicts());
        assertEquals(List.of(), verdicts.pendingFrom(source));
    }

    @Test
    void moreOfAnOpenPortScan_inALaterDelivery_joinsItsVerdict() {
        String source = "vpc-" + UUID.randomUUID();
        pipeline.ingest(IngestEvents.direct(source, scan("203.0.113.203", 16, 1765180800)));
        // two more rejections: below every threshold alone, but the scan's verdict is open
        IngestResult later = pipeline.ingest(IngestEvents.direct(source, scan("203.0.113.203", 2, 1765181800)));

        Verdict v = verdicts.onlyPendingFrom(source);
        assertEquals(2, v.evidence().deliveries());
        assertEquals(18, v.eventCount());
    }

    @Test
    void aFailedCloudTrailCall_isNotTheCallDone_andOneDenialOpensNothing() {
        String source = "trail-" + UUID.randomUUID();
        String stop = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/eve\","
                + "\"accountId\":\"111122223333\",\"userName\":\"eve\"},\"eventTime\":\"2026-12-08T10:00:00Z\","
                + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"awsRegion\":\"eu-west-1\","
                + "\"sourceIPAddress\":\"203.0.113.204\",\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":{\"name\":\"main\"}%s}";
        IngestResult denied = pipeline.ingest(IngestEvents.direct(source,
                List.of(stop.formatted(",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"User: eve is not authorized\""))));
        assertEquals(0, denied.verdicts(), "a denied StopLogging stopped nothing");

        IngestResult done = pipeline.ingest(IngestEvents.direct(source, List.of(stop.formatted(""))));
        assertEquals(1, done.verdicts(), "the successful call is the finding");
        assertEquals(Status.PENDING, verdicts.onlyPendingFrom(source).status());
    }
}
