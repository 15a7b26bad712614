package dev.soctriage.support;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where a Docker engine answers, the same tests run against LocalStack (one container per JVM,
 * shared by the DynamoDB and S3 resources); without one they run against dynalite and S3Mock.
 * Which backend ran is always logged, never chosen silently. {@code SOC_TEST_BACKEND=local} forces
 * the loopback servers even where Docker exists.
 */
final class LocalStackBackend {
    private static final Logger LOG = Logger.getLogger(LocalStackBackend.class);
    private static final String IMAGE = "localstack/localstack:4.4";
    private static LocalStackContainer container;
    private static Boolean use;

    private LocalStackBackend() {
    }

    static synchronized boolean enabled() {
        if (use == null) {
            boolean forcedLocal = "local".equals(System.getenv("SOC_TEST_BACKEND"));
            boolean docker = !forcedLocal && dockerAnswers();
            use = docker;
            LOG.infof("test backend: %s", docker ? "LocalStack " + IMAGE + " (Docker engine found)"
                    : forcedLocal ? "dynalite + S3Mock on loopback (SOC_TEST_BACKEND=local)"
                            : "dynalite + S3Mock on loopback (no Docker engine)");
        }
        return use;
    }

    static synchronized String endpoint() {
        if (container == null) {
            container = new LocalStackContainer(DockerImageName.parse(IMAGE)).withServices("dynamodb", "s3");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        return container.getEndpoint().toString();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
