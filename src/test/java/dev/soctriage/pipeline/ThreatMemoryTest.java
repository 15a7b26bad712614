package dev.soctriage.pipeline;

import static dev.soctriage.fixtures.GroqStub.CHAT;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.soctriage.approval.ApprovalService;
import dev.soctriage.fixtures.AttentiveModel;
import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.ThreatMemories;
import dev.soctriage.model.Action;
import dev.soctriage.model.Status;
import dev.soctriage.triage.GroqAnswers;
import dev.soctriage.verdict.Verdict;

/**
 * The memory of confirmed threats (issue 21, item 2; docs/triage.md): through ingest-triage on dynalite with
 * a model stand-in that reads the prompt ({@link AttentiveModel}: one actor's signal lines are a threat to
 * block). A new attacker of a confirmed pattern is written from memory, citing the confirming verdict, with
 * no model call; the guard still checks its target; a rejection, an expiry, or evidence stronger or much
 * weaker than what was confirmed asks the model again. Each test forgets the memory before and after, and
 * uses attacker addresses of its own.
 */
@QuarkusTest
@TestProfile(VolumeProfile.class)
class ThreatMemoryTest {
    static final String ANALYST = "dana@example.com";

    @Inject
    IngestPipeline pipeline;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ApprovalService approvals;
    @Inject
    ThreatMemories memories;

    @BeforeEach
    void attentiveModel() {
        GroqStub.reset();
        forgetConfirmedThreats();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(WireMock.aResponse()
                .withTransformers(AttentiveModel.NAME)));
    }

    @AfterEach
    void forget() {
        forgetConfirmedThreats();
    }

    /** sshd's password guesses from {@code ip}, {@code n} of them, a second apart. */
    static List<String> guesses(String ip, int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("Nov 24 10:07:%02d bastion-2 sshd[%d]: Failed password for invalid user oracle from %s port %d ssh2"
                    .formatted(i % 60, 7000 + i, ip, 40000 + i));
        }
        return lines;
    }

    private IngestResult deliver(String ip, int n) {
        return pipeline.ingest(IngestEvents.direct("auth-" + UUID.randomUUID(), guesses(ip, n)));
    }

    @Test
    void aNewAttackerOfAConfirmedPattern_isWrittenFromMemory_citingTheConfirmingVerdict_withoutAModelCall() {
        IngestResult first = deliver("203.0.113.131", 8);
        assertEquals(1, first.llmCalls(), first.toString());
        Verdict confirmed = pendingFor("203.0.113.131").orElseThrow();
        assertEquals("llm", confirmed.assessment().engine());
        assertNull(confirmed.assessment().rememberedFrom(), "a fresh judgement cites nothing");

        IngestResult second = deliver("203.0.113.132", 9);

        assertEquals(0, second.llmCalls(), second.toString());
        assertEquals(1, second.memoryHits());
        Verdict remembered = pendingFor("203.0.113.132").orElseThrow();
        assertEquals(Action.BLOCK_IP, remembered.action());
        assertEquals("llm", remembered.assessment().engine(), "the model's judgement, remembered");
        assertEquals(confirmed.id(), remembered.assessment().rememberedFrom());
        assertEquals(confirmed.severity(), remembered.severity());
        assertTrue(remembered.assessment().reasoning().contains(confirmed.id()), remembered.assessment().reasoning());
        assertEquals(9, remembered.eventCount());
        assertTrue(remembered.evidence().lines().stream().allMatch(l -> l.contains("203.0.113.132")),
                "the evidence is the new attacker's own lines");
    }

    @Test
    void aRememberedTargetTheGuardRefuses_isAskedAbout_andNeverBlocked() {
        deliver("203.0.113.141", 8);

        IngestResult internal = deliver("10.20.30.40", 8);

        assertEquals(1, internal.llmCalls(), "not written from memory: the guard refused the target, so it is asked");
        assertTrue(pendingFor("10.20.30.40").isEmpty(), "a private address is never a block target");
    }

    @Test
    void afterTheConfirmingVerdictIsRejected_theModelIsAskedAgain() {
        deliver("203.0.113.151", 8);
        Verdict confirmed = pendingFor("203.0.113.151").orElseThrow();
        approvals.reject(confirmed.id(), ANALYST, "not an attack: our own scanner");

        IngestResult next = deliver("203.0.113.152", 8);

        assertEquals(1, next.llmCalls(), next.toString());
        assertNull(pendingFor("203.0.113.152").orElseThrow().assessment().rememberedFrom());
    }

    @Test
    void afterAVerdictWrittenFromMemoryIsRejected_thePatternIsAskedAboutAgain() {
        deliver("203.0.113.161", 8);
        deliver("203.0.113.162", 8);
        Verdict remembered = pendingFor("203.0.113.162").orElseThrow();
        assertNotNull(remembered.assessment().rememberedFrom());
        approvals.reject(remembered.id(), ANALYST, "false_positive");

        IngestResult next = deliver("203.0.113.163", 8);

        assertEquals(1, next.llmCalls(), next.toString());
    }

    @Test
    void anExpiredMemory_isAskedAgain() {
        deliver("203.0.113.171", 8);
        memories.rememberUntil(Instant.now().minusSeconds(1));

        IngestResult next = deliver("203.0.113.172", 8);

        assertEquals(1, next.llmCalls(), next.toString());
    }

    @Test
    void evidenceMuchStrongerOrMuchWeakerThanWhatWasConfirmed_isAskedAbout_comparableEvidenceIsNot() {
        deliver("203.0.113.181", 8);

        // nine guesses: like the eight confirmed (ten or more would match another detection rule: stronger)
        assertEquals(0, deliver("203.0.113.184", 9).llmCalls(), "comparable: remembered");
        assertEquals(1, deliver("203.0.113.182", 120).llmCalls(), "fifteen times the guesses: asked");
        // the model confirmed the stronger case: what is remembered now is a brute force of 120 guesses
        assertEquals(1, deliver("203.0.113.183", 8).llmCalls(), "eight guesses are not what was confirmed last: asked");
    }

    @Test
    void withTheModelAnsweringBenign_nothingIsRemembered_andEachAttackerIsAsked() {
        GroqStub.server().resetAll();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(GroqAnswers.verdict(false, "low", "monitor", "", "")));
        deliver("203.0.113.191", 8);

        assertEquals(1, deliver("203.0.113.192", 8).llmCalls());
        assertTrue(confirmedThreatIds().isEmpty(), "a benign answer confirms no threat");
    }

    private Optional<Verdict> pendingFor(String ip) {
        List<Verdict> found = verdicts.all(Status.PENDING).stream()
                .filter(v -> ip.equals(v.target()) && v.action() == Action.BLOCK_IP).toList();
        assertTrue(found.size() <= 1, "one open verdict per plan: " + found);
        return found.stream().findFirst();
    }

    private List<String> confirmedThreatIds() {
        return memories.ids();
    }

    private void forgetConfirmedThreats() {
        memories.forget();
    }
}
