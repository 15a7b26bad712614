package dev.soctriage.remediate;

import java.time.Duration;
import java.util.Optional;

/** A {@link KestraConfig} for clients built by hand in tests (configurations one boot cannot show at once). */
public record TestKestraConfig(String urlValue, String tenant, String namespace, String user, String pass, String token,
        Duration timeout) implements KestraConfig {

    public static TestKestraConfig basic(String url, Duration timeout) {
        return new TestKestraConfig(url, "main", "soc.remediation", KestraWireMockResource.USER,
                KestraWireMockResource.PASSWORD, null, timeout);
    }

    @Override
    public Optional<String> url() {
        return Optional.ofNullable(urlValue);
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(user);
    }

    @Override
    public Optional<String> password() {
        return Optional.ofNullable(pass);
    }

    @Override
    public Optional<String> apiToken() {
        return Optional.ofNullable(token);
    }

    @Override
    public Optional<String> secretArn() {
        return Optional.empty();
    }
}
