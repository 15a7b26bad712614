package dev.soctriage.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.soctriage.fixtures.GroqStub.CHAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.model.Action;
import dev.soctriage.model.Status;
import dev.soctriage.triage.GroqAnswers;
import dev.soctriage.triage.TriageService;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictStore;
import dev.soctriage.verdict.VerdictStore.Page;

/**
 * Issue 22, item 2: a distributed brute force — one delivery of 400 attackers, each its own group — with
 * a model that answers in 1.5 s. The model is asked while the time left exceeds what writing 400
 * verdicts needs; the rules judge the rest, each such verdict saying so; every attacker is proposed.
 */
@QuarkusTest
@TestProfile(ManyAttackersProfile.class)
class ManyAttackersIngestTest {
    static final int ATTACKERS = 400;

    @Inject
    IngestPipeline pipeline;
    @Inject
    VerdictStore store;

    @Test
    void fourHundredSshBruteForces_withAModelAt1500ms_everyAttackerIsProposed_theRulesJudgingWhatTheModelCouldNot() {
        GroqStub.reset();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(
                GroqAnswers.verdict(false, "low", "monitor", "", "").withFixedDelay(ManyAttackersProfile.MODEL_MILLIS)));
        String source = "auth-" + UUID.randomUUID();
        List<String> lines = new ArrayList<>();
        Set<String> attackers = new java.util.LinkedHashSet<>();
        for (int a = 0; a < ATTACKERS; a++) {
            String ip = (a < 200 ? "198.51.100." : "203.0.113.") + (a % 200 + 1);
            attackers.add(ip);
            for (int i = 0; i < 8; i++) {
                lines.add("Dec  7 09:%02d:%02d bastion sshd[%d]: Failed password for root from %s port %d ssh2"
                        .formatted(a % 60, i, 1000 + a, ip, 40000 + i));
            }
        }

        IngestResult r = pipeline.ingest(IngestEvents.direct(source, lines));

        List<Verdict> verdicts = pending(source);
        assertEquals(ATTACKERS * 8L, r.events(), r.toString());
        assertEquals(ATTACKERS, r.verdicts(), r.toString());
        assertEquals(attackers, verdicts.stream().filter(v -> v.action() == Action.BLOCK_IP).map(Verdict::target)
                .collect(Collectors.toSet()), "every attacker proposed for a block");
        int calls = GroqStub.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(CHAT)).build()).getCount();
        long notAsked = verdicts.stream().filter(v -> v.assessment().modelNotAsked() != null).count();
        assertTrue(calls > 0 && calls < ATTACKERS, "the model was asked about some, not all: " + calls);
        assertTrue(notAsked > 0, "the verdicts the model was not asked about say so");
        assertEquals(TriageService.NOT_ASKED, verdicts.stream().map(v -> v.assessment().modelNotAsked())
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow());
        assertTrue(notAsked + calls >= ATTACKERS, "asked " + calls + ", not asked " + notAsked);
    }

    private List<Verdict> pending(String source) {
        List<Verdict> all = new ArrayList<>();
        String token = null;
        do {
            Page page = store.list(Status.PENDING, null, 100, token);
            page.items().stream().filter(v -> v.evidence().sources().contains(source)).forEach(all::add);
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}
