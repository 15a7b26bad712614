package dev.soctriage.remediate;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

import dev.soctriage.net.Ips;

/**
 * What a Kestra call that got no answer means, told from the exception TYPES along the cause chain of
 * the REST client's {@code ProcessingException} (the JDK's, Netty's, Vert.x's), never from class names
 * or messages: did the request leave, and what may an analyst read about it.
 *
 * <p>Nothing was written to the socket when the name did not resolve, the connect was refused,
 * unroutable or timed out, or the TLS handshake failed (no request is sent before it completes; the
 * client's handshake timeout is held below the call's timeout, so a hung handshake ends as a handshake
 * failure and not as the call's timeout). Everything else — a read timeout, a reset, a connection
 * closed before the answer, an answer that cannot be read, anything not recognised — may have
 * reached Kestra.
 *
 * <p>The text kept on the verdict ({@code dispatchError}, shown to analysts) names neither Kestra's
 * host, nor an address, nor a port; the exception's own message, which does, goes to the log only.
 */
final class KestraFailures {
    private static final int MAX_CHAIN = 16;
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s'\"<>;,()]+");
    private static final Pattern IPV4 = Pattern.compile("/?\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b");
    private static final Pattern BRACKETED = Pattern.compile("\\[[0-9A-Za-z.%]*:[0-9A-Za-z:.%]*](?::\\d{1,5})?");
    /** an IPv6 candidate, replaced only when it parses as an address ("12:30:45" does not) */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST_PORT = Pattern.compile("(?i)\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)+:\\d{1,5}\\b");

    private KestraFailures() {
    }

    /** A failed call without an answer: whether it was sent, and what the verdict may say. */
    record Unanswered(boolean sent, String shown) {
    }

    static Unanswered classify(Throwable failure, KestraConfig config) {
        for (Throwable t : chain(failure)) {
            if (t instanceof UnknownHostException) {
                return new Unanswered(false, "Kestra's host name does not resolve (KESTRA_URL); nothing was sent");
            }
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return new Unanswered(false, "connecting to Kestra timed out after " + seconds(config.connectTimeout())
                        + " (KESTRA_CONNECT_TIMEOUT); nothing was sent");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Unanswered(false, "Kestra refused the connection or cannot be reached; nothing was sent");
            }
            if (t instanceof SSLHandshakeException) {
                return new Unanswered(false, "the TLS handshake with Kestra failed (its certificate, or not TLS "
                        + "at KESTRA_URL); nothing was sent");
            }
        }
        for (Throwable t : chain(failure)) {
            if (t instanceof com.fasterxml.jackson.core.JacksonException) {
                return new Unanswered(true, "Kestra's answer could not be read");
            }
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new Unanswered(true, "Kestra did not answer within " + seconds(config.timeout())
                        + " (KESTRA_TIMEOUT)");
            }
            if (t instanceof SocketException) {
                return new Unanswered(true, "the connection to Kestra was reset before its answer");
            }
        }
        return new Unanswered(true, "the connection to Kestra ended before its answer");
    }

    /**
     * Kestra's own error text (or a proxy's in front of it), without URLs, addresses, ports, or the
     * host of {@code KESTRA_URL}: a 5xx from Kestra may quote its database's address.
     */
    static String scrub(String text, KestraConfig config) {
        String s = URL.matcher(text).replaceAll("[url]");
        s = HOST_PORT.matcher(s).replaceAll("[address]");
        s = IPV4.matcher(s).replaceAll("[address]");
        s = BRACKETED.matcher(s).replaceAll("[address]");
        s = IPV6.matcher(s).replaceAll(m -> Ips.bytes(m.group()) == null ? Matcher.quoteReplacement(m.group()) : "[address]");
        String host = host(config);
        if (host != null && host.length() > 1) {
            s = Pattern.compile(Pattern.quote(host), Pattern.CASE_INSENSITIVE).matcher(s).replaceAll("[kestra]");
        }
        return s;
    }

    /** The cause chain, for the log: each type and message on one line. */
    static String detail(Throwable failure) {
        StringBuilder b = new StringBuilder();
        for (Throwable t : chain(failure)) {
            b.append(b.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
        }
        return b.toString();
    }

    private static Iterable<Throwable> chain(Throwable failure) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && all.size() < MAX_CHAIN && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private static String host(KestraConfig config) {
        try {
            return config.url().map(u -> URI.create(u.trim()).getHost()).map(h -> h.toLowerCase(Locale.ROOT))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
