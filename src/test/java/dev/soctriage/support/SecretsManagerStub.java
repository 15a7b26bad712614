package dev.soctriage.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * AWS Secrets Manager's {@code GetSecretValue} on loopback, as the service documents it: a JSON 1.1
 * protocol call ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue}, body
 * {@code {"SecretId": ...}}) answered with {@code {"ARN","Name","SecretString","VersionId"}}, or a
 * {@code {"__type": ...}} error. As a Quarkus test resource it holds {@link #GROQ_ARN} and
 * {@link #KESTRA_ARN}, and points the application's Secrets Manager client at itself.
 */
public class SecretsManagerStub implements QuarkusTestResourceLifecycleManager {
    public static final String GROQ_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:soc-triage/groq-AbCdEf";
    public static final String KESTRA_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:soc-triage/kestra-GhIjKl";
    public static final String GROQ_KEY = "gsk_from_secrets_manager";
    public static final String KESTRA_USER = "soc-from-secret";
    public static final String KESTRA_PASSWORD = "pw-from-secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    /** A server on a loopback port; the caller stops it. */
    public static WireMockServer startServer() {
        WireMockServer s = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s.start();
        return s;
    }

    /** Answers GetSecretValue for {@code arn} with {@code secretString} from now on (a rotation replaces it). */
    public static void secret(WireMockServer s, String arn, String secretString) {
        ObjectNode body = JSON.createObjectNode().put("ARN", arn).put("Name", arn.replaceAll(".*:secret:", ""))
                .put("SecretString", secretString).put("VersionId", java.util.UUID.randomUUID().toString())
                .put("CreatedDate", 1.7644E9);
        s.stubFor(getSecretValue(arn).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body.toString())));
    }

    /** Answers GetSecretValue for {@code arn} with the service's error {@code type} (HTTP 400). */
    public static void error(WireMockServer s, String arn, String type) {
        s.stubFor(getSecretValue(arn).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"User is not authorized\"}")));
    }

    public static MappingBuilder getSecretValue(String arn) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(arn)));
    }

    public static String kestraSecret(String user, String password) {
        return JSON.createObjectNode().put("username", user).put("password", password).toString();
    }

    @Override
    public Map<String, String> start() {
        server = startServer();
        secret(server, GROQ_ARN, GROQ_KEY);
        secret(server, KESTRA_ARN, kestraSecret(KESTRA_USER, KESTRA_PASSWORD));
        // the client takes region and credentials from the default chains, as in Lambda
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        return Map.of("secrets.endpoint-override", server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectSecretsManager.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
