package dev.soctriage.remediate;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in Kestra: WireMock on a loopback port, stubbed per test from Kestra's documented REST API.
 * The application is configured for it with basic auth ({@link #USER}/{@link #PASSWORD}) and a timeout
 * generous enough for a loaded machine; tests of a hung Kestra build a client with a short one.
 */
public class KestraWireMockResource implements QuarkusTestResourceLifecycleManager {
    public static final String USER = "soc-approver";
    public static final String PASSWORD = "s3cret-pass";
    /** connect and read timeout the application gets in tests */
    public static final String TIMEOUT = "PT5S";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("kestra.url", "http://127.0.0.1:" + server.port(), "kestra.username", USER,
                "kestra.password", PASSWORD, "kestra.timeout", TIMEOUT);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectKestra.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
