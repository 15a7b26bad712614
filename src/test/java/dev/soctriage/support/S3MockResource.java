package dev.soctriage.support;

import java.util.Map;

import dev.soctriage.local.S3Mock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real S3 API for a Quarkus test: Adobe S3Mock on loopback, or LocalStack where a Docker engine
 * answers (see {@link LocalStackBackend}).
 */
public class S3MockResource implements QuarkusTestResourceLifecycleManager {
    private S3Mock s3;

    @Override
    public Map<String, String> start() {
        String endpoint;
        if (LocalStackBackend.enabled()) {
            endpoint = LocalStackBackend.endpoint();
        } else {
            s3 = S3Mock.start();
            endpoint = s3.endpoint();
        }
        return Map.of(
                "quarkus.s3.endpoint-override", endpoint,
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", "us-east-1",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", "test");
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.close();
        }
    }
}
