package dev.soctriage.remediate;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.soctriage.net.Ips;

/**
 * Refuses, at start, a {@code KESTRA_URL} that would send the Kestra credentials and the approval in
 * clear text over a network: {@code http://} is for a Kestra on loopback only (local runs and tests);
 * anywhere else it must be {@code https://}.
 */
@Singleton
public class KestraUrlCheck {
    static void onStart(@Observes StartupEvent start, KestraConfig config) {
        problem(config.url().map(String::trim).orElse("")).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
    }

    /** Why this URL may not be used, or empty when it may (an unset URL may: dispatch is then off). */
    static Optional<String> problem(String url) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // KestraClient reports a malformed URL on every approval
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && loopback(u.getHost()))) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return Optional.of("KESTRA_URL " + url + " is http:// to a host that is not loopback: the Kestra "
                    + "credentials and approvals would cross the network in clear text; use https://");
        }
        return Optional.empty();
    }

    private static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // IP literals only, never a name lookup
        return Optional.ofNullable(Ips.bytes(host)).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }).orElse(false);
    }
}
