package dev.soctriage.triage;

import static dev.soctriage.fixtures.GroqStub.CHAT;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.group.EventGroup;
import dev.soctriage.model.Engine;
import dev.soctriage.triage.llm.ModelCall;
import dev.soctriage.triage.llm.ModelCalls;

/**
 * Calling the model at volume, against a WireMock Groq: concurrent calls stay within their bound,
 * the server's rate-limit answers are honoured by every call, and a circuit breaker stops calling a
 * failing server until its cooldown has passed. Whatever happens, the rules judge what the model
 * does not.
 */
@QuarkusTest
@TestProfile(GroqStubProfile.class)
class ModelCallsTest {

    @Inject
    TriageService triage;
    @Inject
    TriageKit kit;
    @Inject
    ModelCalls calls;

    @BeforeEach
    void reset() {
        GroqStub.reset();
    }

    private static void answer(ResponseDefinitionBuilder response) {
        GroqStub.answerEveryCall(response);
    }

    private EventGroup bruteForce(int n) {
        return kit.group(TriageLines.sshFailures("203.0.113." + n, 8));
    }

    private Instant inSeconds(int s) {
        return kit.inSeconds(s);
    }

    /** A service with a client of its own: its rate-limit state and breaker are not the container's. */
    private TriageService ownService() {
        return kit.service("triage.llm.timeout", "PT2S", "triage.llm.backoff", "PT0.05S");
    }

    @Test
    void judgeAll_keepsCallsInFlightWithinTheBound_andAnswersEveryGroup() {
        // given a model that takes 300 ms, and 12 groups
        answer(GroqAnswers.verdict(false, "low", "monitor", "", "").withFixedDelay(300));
        List<EventGroup> groups = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            groups.add(bruteForce(i));
        }

        // when
        List<Judgement> js = triage.judgeAll(groups, inSeconds(30));

        // then every group was asked once, never more than the bound at a time, and more than one at a time
        assertEquals(12, js.size());
        js.forEach(j -> assertEquals(1, j.llmCalls()));
        for (int i = 0; i < 12; i++) {
            // the model called them benign; the rules' brute-force finding stands, about its own group
            assertEquals(groups.get(i), js.get(i).about());
        }
        int max = maxInFlight(GroqStub.server().getAllServeEvents());
        assertTrue(max <= GroqStub.CONCURRENCY, "at most " + GroqStub.CONCURRENCY + " in flight, saw " + max);
        assertTrue(max >= 2, "calls were concurrent, saw " + max);
    }

    @Test
    void breaker_opensAfterConsecutiveServerErrors_soTheRestGoesStraightToTheRules() {
        // given a model answering 503 to everything
        answer(GroqAnswers.serverError(503));

        // when ten groups are judged one after another
        List<Judgement> js = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            js.add(triage.judge(bruteForce(i), inSeconds(20)));
        }

        // then 5 calls were made (3 for the first group, 2 for the second), then none: the rules judged all
        GroqStub.server().verify(5, postRequestedFor(urlPathEqualTo(CHAT)));
        assertEquals(List.of(3, 2, 0, 0, 0, 0, 0, 0, 0, 0), js.stream().map(Judgement::llmCalls).toList());
        js.forEach(j -> assertEquals(Engine.RULES, j.finding().orElseThrow().engine()));
    }

    @Test
    void breaker_closesAgain_afterItsCooldown_whenTheModelAnswers() throws InterruptedException {
        // given an open breaker
        answer(GroqAnswers.serverError(500));
        for (int i = 1; i <= 2; i++) {
            triage.judge(bruteForce(i), inSeconds(20));
        }
        assertEquals(0, triage.judge(bruteForce(3), inSeconds(20)).llmCalls(), "open");

        // when its cooldown (PT2S in this profile) has passed and the model is back
        Thread.sleep(2_300);
        GroqStub.server().resetAll();
        answer(GroqAnswers.verdict(true, "high", "block_ip", "203.0.113.4", "\"T1110.001\""));
        Judgement trial = triage.judge(bruteForce(4), inSeconds(20));
        Judgement next = triage.judge(bruteForce(5), inSeconds(20));

        // then the trial call was made and answered, and the breaker is closed for the next group
        assertEquals(Engine.LLM, trial.finding().orElseThrow().engine());
        assertEquals(1, trial.llmCalls());
        assertEquals(1, next.llmCalls());
        GroqStub.server().verify(2, postRequestedFor(urlPathEqualTo(CHAT)));
    }

    @Test
    void a429WithoutRetryAfter_waitsForTheResetHeader_andHoldsBackEveryLaterCall() {
        // given a 429 that says when the request window resets (40 s), with 3 s left
        TriageService own = ownService();
        answer(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                .withHeader("x-ratelimit-remaining-requests", "0").withHeader("x-ratelimit-reset-requests", "40s")
                .withHeader("x-ratelimit-remaining-tokens", "6000").withHeader("x-ratelimit-reset-tokens", "1.5s"));

        // when two groups are judged
        Judgement first = own.judge(bruteForce(1), inSeconds(3));
        Judgement second = own.judge(bruteForce(2), inSeconds(10));

        // then one call in all: the first stopped rather than wait past its deadline, the second did not call
        assertEquals(1, first.llmCalls());
        assertEquals(0, second.llmCalls());
        assertEquals(Engine.RULES, second.finding().orElseThrow().engine());
        GroqStub.server().verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
    }

    @Test
    void noRequestsLeft_onASuccessfulAnswer_holdsTheNextCallUntilTheWindowResets() {
        // given an answer saying no request is left in this minute's window
        TriageService own = ownService();
        answer(GroqAnswers.verdict(true, "high", "block_ip", "203.0.113.1", "\"T1110.001\"")
                .withHeader("x-ratelimit-remaining-requests", "0").withHeader("x-ratelimit-reset-requests", "59.5s")
                .withHeader("x-ratelimit-remaining-tokens", "7000").withHeader("x-ratelimit-reset-tokens", "2.1s"));

        // when
        Judgement first = own.judge(bruteForce(1), inSeconds(10));
        Judgement second = own.judge(bruteForce(2), inSeconds(10));

        // then the second group is not sent into a certain 429: the rules judge it
        assertEquals(Engine.LLM, first.finding().orElseThrow().engine());
        assertEquals(0, second.llmCalls());
        assertEquals(Engine.RULES, second.finding().orElseThrow().engine());
        GroqStub.server().verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
    }

    @Test
    void tooFewTokensLeft_waitsForTheTokenWindow_thenCalls() {
        // given an answer saying 10 tokens are left until the token window resets in 1.5 s
        TriageService own = ownService();
        answer(GroqAnswers.verdict(true, "high", "block_ip", "203.0.113.1", "\"T1110.001\"")
                .withHeader("x-ratelimit-remaining-requests", "100").withHeader("x-ratelimit-reset-requests", "1m0s")
                .withHeader("x-ratelimit-remaining-tokens", "10").withHeader("x-ratelimit-reset-tokens", "1.5s"));

        // when
        own.judge(bruteForce(1), inSeconds(10));
        Judgement second = own.judge(bruteForce(2), inSeconds(10));

        // then the second call was made, and not before the token window reset
        assertEquals(1, second.llmCalls());
        List<ServeEvent> calls = new ArrayList<>(GroqStub.server().getAllServeEvents());
        assertEquals(2, calls.size());
        calls.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        long gap = calls.get(1).getRequest().getLoggedDate().getTime() - calls.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(gap >= 1_400, "second call " + gap + " ms after the first");
    }

    @Test
    void aStatusOtherThan200_comesBackAsTheMappersFailure_namedByItsErrorCode() {
        // given a 400 json_validate_failed, then a 503
        answer(GroqAnswers.jsonValidateFailed());

        // when
        ModelCall rejected = calls.judge(bruteForce(1), inSeconds(10));
        GroqStub.reset();
        answer(GroqAnswers.serverError(503));
        ModelCall failing = calls.judge(bruteForce(2), inSeconds(10));

        // then the 400 is not retried and says why; a 5xx is retried up to the attempts, and says so
        assertEquals(Optional.empty(), rejected.answer());
        assertEquals(1, rejected.calls());
        assertEquals("rejected 400 json_validate_failed", rejected.failure());
        assertEquals(3, failing.calls());
        assertEquals("server error 503", failing.failure());
    }

    /** The most requests WireMock was serving at the same moment. */
    static int maxInFlight(List<ServeEvent> events) {
        int max = 0;
        for (ServeEvent e : events) {
            long t = e.getRequest().getLoggedDate().getTime();
            int n = 0;
            for (ServeEvent o : events) {
                long start = o.getRequest().getLoggedDate().getTime();
                long end = start + o.getTiming().getTotalTime();
                n += start <= t && t < end ? 1 : 0;
            }
            max = Math.max(max, n);
        }
        return max;
    }
}
