package dev.soctriage.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.soctriage.fixtures.SecretsManagerStub;

/** {@link Secrets} against Secrets Manager's documented GetSecretValue JSON protocol on loopback (WireMock). */
class SecretsTest {
    static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:soc-triage/groq-Q1w2E3";
    static final String VALUE = "gsk_live_value_that_must_never_be_logged";

    WireMockServer sm;
    SecretsManagerClient client;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));
    Secrets secrets;

    @BeforeEach
    void start() {
        sm = SecretsManagerStub.startServer();
        client = SecretsManagerClient.builder().endpointOverride(URI.create(sm.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        secrets = new Secrets(config(Duration.ofMinutes(5)), clock, client);
    }

    @AfterEach
    void stop() {
        client.close();
        sm.stop();
    }

    @Test
    void get_readsTheSecretStringByArn_withTheGetSecretValueCall() {
        SecretsManagerStub.secret(sm, ARN, VALUE);

        assertEquals(VALUE, secrets.get(ARN));

        sm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + "\"}")));
    }

    @Test
    void get_reusesTheValueWithinTheTtl_andReadsTheRotatedValueAfterIt() {
        SecretsManagerStub.secret(sm, ARN, "before-rotation");
        assertEquals("before-rotation", secrets.get(ARN));

        SecretsManagerStub.secret(sm, ARN, "after-rotation");
        clock.advance(Duration.ofMinutes(4));
        assertEquals("before-rotation", secrets.get(ARN), "within the TTL: no second call");
        sm.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + "\"}")));

        clock.advance(Duration.ofMinutes(2));
        assertEquals("after-rotation", secrets.get(ARN), "after the TTL: the rotated value, no deploy");
    }

    @Test
    void invalidate_makesTheNextReadFetchAgain() {
        SecretsManagerStub.secret(sm, ARN, "old");
        secrets.get(ARN);
        SecretsManagerStub.secret(sm, ARN, "rotated");

        secrets.invalidate(ARN);

        assertEquals("rotated", secrets.get(ARN));
    }

    @Test
    void get_failsNamingTheArn_whenSecretsManagerRefuses_andCachesNothing() {
        SecretsManagerStub.error(sm, ARN, "AccessDeniedException");

        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> secrets.get(ARN));

        assertTrue(e.getMessage().contains(ARN), e.getMessage());
        SecretsManagerStub.secret(sm, ARN, VALUE);
        assertEquals(VALUE, secrets.get(ARN), "a failure is not cached");
    }

    @Test
    void theValue_isNeverLogged_atAnyLevel() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())
                        + " " + (r.getThrown() == null ? "" : r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        List<Logger> loud = List.of(Logger.getLogger("dev.soctriage"), Logger.getLogger("software.amazon.awssdk"));
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        loud.forEach(l -> l.setLevel(Level.ALL));
        try {
            SecretsManagerStub.secret(sm, ARN, VALUE);
            secrets.get(ARN);
            secrets.invalidate(ARN);
            secrets.get(ARN);
            SecretsManagerStub.error(sm, ARN, "AccessDeniedException");
            secrets.invalidate(ARN);
            assertThrows(SecretUnavailableException.class, () -> secrets.get(ARN));
        } finally {
            root.removeHandler(capture);
            root.setLevel(rootLevel);
            loud.forEach(l -> l.setLevel(null));
        }
        assertFalse(lines.isEmpty(), "the capture saw the reads");
        assertTrue(lines.stream().noneMatch(l -> l.contains(VALUE)), "a log line carried the secret");
    }

    private static SecretsConfig config(Duration ttl) {
        return new SecretsConfig() {
            @Override
            public Duration ttl() {
                return ttl;
            }

            @Override
            public Optional<URI> endpointOverride() {
                return Optional.empty();
            }
        };
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
