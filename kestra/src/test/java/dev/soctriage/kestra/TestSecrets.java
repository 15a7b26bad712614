package dev.soctriage.kestra;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kestra.core.secret.SecretNotFoundException;
import io.kestra.core.secret.SecretService;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

/**
 * The secret backend of the in-process Kestra: the values the tests set, then Kestra's own
 * open-source lookup ({@code SECRET_<NAME>} environment variables, base64). A map rather than
 * environment variables because one secret, the monitor webhook URL, holds WireMock's random port.
 */
@Singleton
@Replaces(SecretService.class)
public class TestSecrets extends SecretService<String> {
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    static void put(String key, String value) {
        VALUES.put(key.toUpperCase(), value);
    }

    @Override
    public String findSecret(String tenantId, String namespace, String key) throws SecretNotFoundException, IOException {
        String value = VALUES.get(key.toUpperCase());
        return value != null ? value : super.findSecret(tenantId, namespace, key);
    }
}
