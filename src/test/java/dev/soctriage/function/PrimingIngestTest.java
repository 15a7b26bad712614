package dev.soctriage.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.StoredItems;
import dev.soctriage.ingest.IngestProfile;
import dev.soctriage.pipeline.DryTriage;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;

/**
 * SnapStart priming of ingest-triage, at the level these machines can test it (docs/startup.md,
 * "SnapStart"): the hooks run the function's path — decode, parse, group, rules, verdict mapping and
 * validation, the store's requests marshalled — and write nothing to DynamoDB (dynalite is counted), and
 * nothing of the dry run survives into a real invocation. What only AWS can check (the snapshot itself,
 * the restored copies' entropy and credentials) is listed in docs/startup.md.
 */
@QuarkusTest
@TestProfile(IngestProfile.class)
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
class PrimingIngestTest {
    @Inject
    Priming priming;
    @Inject
    StoredItems items;
    @Inject
    IngestPipeline pipeline;

    @Test
    void beforeCheckpoint_runsTheDryTriage_andWritesNothing() {
        int before = items.count();

        priming.beforeCheckpoint(null);
        String report = priming.prime();

        assertEquals(before, items.count(), "the dry run wrote to DynamoDB");
        // 8 sample events in at least the brute force, the injection and the ordinary line's groups;
        // at least the two findings' verdicts mapped and validated, and 5 requests each marshalled
        // (the queue's query, then what recording one sends: put, update, get, batch get)
        assertTrue(report.matches("Report\\[events=8, groups=[3-8], findings=[2-8], contributions=[2-8], requests=\\d+]"),
                report);
        int contributions = Integer.parseInt(report.replaceAll(".*contributions=(\\d+).*", "$1"));
        int requests = Integer.parseInt(report.replaceAll(".*requests=(\\d+).*", "$1"));
        assertEquals(5 * contributions, requests, report);
    }

    @Test
    void afterRestore_aRealInvocationOfTheSameLines_isTriagedAsNew() {
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        int before = items.count();

        ObjectNode event = JsonNodeFactory.instance.objectNode().put("source", "priming-test/" + System.nanoTime());
        DryTriage.sampleLines().forEach(event.putArray("lines")::add);
        IngestResult r = pipeline.ingest(event);

        // no delivery marker, open plan or remembered template of the dry run stands in the way
        assertEquals(8, r.events());
        assertEquals(0, r.duplicates());
        assertTrue(r.verdicts() >= 2, r.toString());
        assertTrue(items.count() > before);
    }
}
