package dev.soctriage.support;

import java.util.Map;

import dev.soctriage.local.S3Mock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real S3 API (Adobe S3Mock) on loopback for a Quarkus test. */
public class S3MockResource implements QuarkusTestResourceLifecycleManager {
    private S3Mock s3;

    @Override
    public Map<String, String> start() {
        s3 = S3Mock.start();
        return Map.of(
                "quarkus.s3.endpoint-override", s3.endpoint(),
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
