package dev.soctriage.triage.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model server said about its rate limits, shared by all calls of this container so that a
 * burst of concurrent calls never becomes a storm of 429s. Groq (like OpenAI) sends on every answer
 * {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-remaining-tokens},
 * {@code x-ratelimit-reset-requests} and {@code x-ratelimit-reset-tokens} (durations such as
 * {@code 2m59.56s} or {@code 7.66s}), and {@code retry-after} (seconds) with a 429.
 *
 * <p>Before a call, {@link #reserve} says until when to wait: the end of a 429's pause; the request
 * window's reset when no request is left; the token window's reset when fewer tokens are left than the
 * call needs. A reservation counts against what is left, so concurrent calls share the last requests
 * instead of all spending them.
 */
final class RateLimits {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private Instant pausedUntil = Instant.MIN;
    private long remainingRequests = Long.MAX_VALUE;
    private Instant requestsResetAt = Instant.MIN;
    private long remainingTokens = Long.MAX_VALUE;
    private Instant tokensResetAt = Instant.MIN;

    /**
     * Reserves one request of {@code tokens} estimated tokens.
     *
     * @return when the call may start: {@code now} or later
     */
    synchronized Instant reserve(Instant now, int tokens) {
        Instant at = now;
        if (pausedUntil.isAfter(at)) {
            at = pausedUntil;
        }
        if (!requestsResetAt.isAfter(now)) {
            remainingRequests = Long.MAX_VALUE; // the window the headers spoke of has passed
        }
        if (!tokensResetAt.isAfter(now)) {
            remainingTokens = Long.MAX_VALUE;
        }
        if (remainingRequests <= 0 && requestsResetAt.isAfter(at)) {
            at = requestsResetAt;
        }
        if (remainingTokens < tokens && tokensResetAt.isAfter(at)) {
            at = tokensResetAt;
        }
        if (at.equals(now)) {
            remainingRequests--;
            remainingTokens -= tokens;
        }
        return at;
    }

    /** Reads the rate-limit headers of an answer (any status); a header that is missing or unreadable is ignored. */
    synchronized void observe(Instant now, String remainingReq, String resetReq, String remainingTok, String resetTok) {
        Long r = number(remainingReq);
        Duration rr = duration(resetReq);
        if (r != null && rr != null) {
            remainingRequests = r;
            requestsResetAt = now.plus(rr);
        }
        Long t = number(remainingTok);
        Duration rt = duration(resetTok);
        if (t != null && rt != null) {
            remainingTokens = t;
            tokensResetAt = now.plus(rt);
        }
    }

    /** A 429: no call of this container starts before {@code now + wait}. */
    synchronized void pause(Instant now, Duration wait) {
        Instant until = now.plus(wait);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** {@code 2m59.56s}, {@code 7.66s}, {@code 120ms}, {@code 1h0m0s}, or plain seconds ({@code 7}); else null. */
    static Duration duration(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        try {
            double seconds = Double.parseDouble(h);
            return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            // not plain seconds: a Go-style duration
        }
        Matcher m = PART.matcher(h);
        double millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> v * 3_600_000;
                case "m" -> v * 60_000;
                case "s" -> v * 1000;
                default -> v;
            };
            end = m.end();
        }
        return end == h.length() && end > 0 ? Duration.ofMillis((long) Math.ceil(millis)) : null;
    }

    private static Long number(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
