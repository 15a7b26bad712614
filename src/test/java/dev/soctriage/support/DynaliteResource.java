package dev.soctriage.support;

import java.util.Map;

import dev.soctriage.local.Dynalite;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real DynamoDB API for a Quarkus test, with the table created at start: dynalite on loopback,
 * or LocalStack where a Docker engine answers (see {@link LocalStackBackend}).
 */
public class DynaliteResource implements QuarkusTestResourceLifecycleManager {
    private Dynalite dynalite;

    @Override
    public Map<String, String> start() {
        String endpoint;
        if (LocalStackBackend.enabled()) {
            endpoint = LocalStackBackend.endpoint();
        } else {
            dynalite = Dynalite.start();
            endpoint = dynalite.endpoint();
        }
        return Map.of(
                "quarkus.dynamodb.endpoint-override", endpoint,
                "quarkus.dynamodb.aws.region", "us-east-1",
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "store.create-table", "true");
    }

    @Override
    public void stop() {
        if (dynalite != null) {
            dynalite.close();
        }
    }
}
