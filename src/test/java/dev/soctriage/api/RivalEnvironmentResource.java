package dev.soctriage.api;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For the second process of the concurrency test: points the application at the dynalite and the
 * WireMock-Kestra that the first process started (passed as system properties), instead of its own.
 */
public class RivalEnvironmentResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.dynamodb.endpoint-override", System.getProperty("rival.dynamo"),
                "quarkus.dynamodb.aws.region", "us-east-1",
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "store.table", System.getProperty("rival.table"),
                "kestra.url", System.getProperty("rival.kestra"),
                "kestra.username", System.getProperty("rival.kestra.user"),
                "kestra.password", System.getProperty("rival.kestra.password"));
    }

    @Override
    public void stop() {
        // nothing started here: the servers belong to the first process
    }
}
