package dev.soctriage.parse;

import static dev.soctriage.parse.Golden.golden;
import static dev.soctriage.parse.ParseFixtures.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

/** Web logs read by field: the request line apart from Referer and User-Agent, each AWS format as its own. */
class WebFormatsTest implements GoldenLines {
    /** CloudFront real-time logs whose fields were chosen, in the order chosen. */
    private static final Parsers REALTIME_FIELDS_CHOSEN = new Parsers(Clock.systemUTC(), new ParseConfig() {
        @Override
        public Optional<List<String>> trustedProxyCidrs() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> cloudfrontRealtimeFields() {
            return Optional.of(List.of("timestamp", "c-ip", "sc-status", "cs-method", "cs-uri-stem", "cs-uri-query"));
        }
    });

    static Stream<Golden> lines() {
        return Stream.of(
                golden("combined_refererAndUserAgentAreTheirOwnFields",
                        "198.51.100.8 - - [24/Nov/2026:10:00:01 +0000] \"GET /gallery/cat.jpg HTTP/1.1\" 200 5120 "
                                + "\"https://images.example-search.com/search?q=cat&tbm=isch&source=lnms&sa=X%3Fa%3D1|x\" "
                                + "\"Mozilla/5.0 (X11; Linux x86_64)\"")
                        .format(Format.ACCESS_LOG).field(Field.PATH, "/gallery/cat.jpg")
                        .field(Field.REFERER, "https://images.example-search.com/search?q=cat&tbm=isch&source=lnms&sa=X%3Fa%3D1|x")
                        .field(Field.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64)"),
                golden("vhostPrefixedAndForwardedVariants_keepTheRequestFields: vhost",
                        "shop.example.com:443 203.0.113.9 - - [24/Nov/2026:10:00:01 +0000] \"GET /a?b=1 HTTP/2.0\" 404 12 \"-\" \"curl/8.5\"")
                        .actorIp("203.0.113.9").field(Field.HOST, "shop.example.com:443").noField(Field.REFERER),
                golden("vhostPrefixedAndForwardedVariants_keepTheRequestFields: forwarded",
                        "10.0.0.2 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 1 \"https://a.example/\" "
                                + "\"Mozilla/5.0\" \"198.51.100.1, 10.0.0.9\"")
                        .field(Field.REFERER, "https://a.example/").field(Field.USER_AGENT, "Mozilla/5.0")
                        .because("X-Forwarded-For from an untrusted peer is the client's claim").actorIp("10.0.0.2"),
                golden("anAbsoluteFormTarget_namesTheHostTheClientAskedFor",
                        "203.0.113.44 - - [24/Nov/2026:10:00:01 +0000] \"GET http://169.254.169.254/latest/meta-data/ "
                                + "HTTP/1.1\" 200 80 \"-\" \"python-requests/2.31\"")
                        .field(Field.HOST, "169.254.169.254").field(Field.PATH, "/latest/meta-data/"),
                golden("cloudFrontStandard_withAndWithoutItsFieldsLine: without",
                        "2026-11-24\t21:02:31\tFRA56-P1\t392\t192.0.2.100\tGET\td1111abcdef8.cloudfront.net\t/index.html\t200\t"
                                + "https://ref.example/\tMozilla/5.0%20(Windows%20NT%2010.0)\tq=%27x\t-\tHit\tSOOzq==\twww.example.com\thttps\t23"
                                + "\t0.001\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tHit\tHTTP/2.0\t-\t-\t51234\t0.001\tHit\ttext/html\t78\t-\t-")
                        .format(Format.CLOUDFRONT).actorIp("192.0.2.100").field(Field.METHOD, "GET")
                        .field(Field.PATH, "/index.html?q=%27x").field(Field.USER_AGENT, "Mozilla/5.0 (Windows NT 10.0)")
                        .field(Field.REFERER, "https://ref.example/").field(Field.HOST, "www.example.com")
                        .time("2026-11-24T21:02:31Z"),
                golden("cloudFrontRealtime_inAwsOrder_orAsConfigured: AWS order",
                        "1764018151.123\t203.0.113.77\t0.002\t404\t512\tGET\thttps\td1.cloudfront.net\t/.env\t90\t"
                                + "IAD89-C1\tabc==\twww.example.com\t0.003\tHTTP/1.1\tIPv4\tzgrab/0.x\t-\t-\t-\tError")
                        .format(Format.CLOUDFRONT).actorIp("203.0.113.77").field(Field.PATH, "/.env")
                        .field(Field.USER_AGENT, "zgrab/0.x").time(Instant.ofEpochMilli(1764018151123L)),
                golden("cloudFrontRealtime_inAwsOrder_orAsConfigured: as configured", "1764018151.5\t198.51.100.9\t200\tGET\t/search\tq=1")
                        .readBy(REALTIME_FIELDS_CHOSEN).actorIp("198.51.100.9").field(Field.PATH, "/search?q=1").field(Field.STATUS, "200"),
                golden("cloudFrontStandardV2AsJson",
                        "{\"date\":\"2026-11-24\",\"time\":\"21:02:33\",\"c-ip\":\"192.0.2.55\",\"cs-method\":\"GET\","
                                + "\"cs-uri-stem\":\"/p\",\"cs-uri-query\":\"id=1\",\"sc-status\":\"200\",\"cs(User-Agent)\":\"Mozilla/5.0\"}")
                        .format(Format.CLOUDFRONT).actorIp("192.0.2.55").field(Field.PATH, "/p?id=1"),
                golden("apiGatewayJson_restAndHttpApis: REST",
                        "{\"requestId\":\"7f6a0c1e-0000-4000-8000-000000000001\",\"ip\":\"203.0.113.3\",\"caller\":\"-\","
                                + "\"user\":\"-\",\"requestTime\":\"24/Nov/2026:10:00:01 +0000\",\"httpMethod\":\"GET\",\"resourcePath\":"
                                + "\"/items/{id}\",\"path\":\"/prod/items/1%27%20or%201=1\",\"status\":\"200\",\"protocol\":\"HTTP/1.1\","
                                + "\"responseLength\":\"52\"}")
                        .format(Format.API_GATEWAY).actorIp("203.0.113.3").field(Field.METHOD, "GET")
                        .field(Field.PATH, "/prod/items/1%27%20or%201=1").time("2026-11-24T10:00:01Z"),
                golden("apiGatewayJson_restAndHttpApis: HTTP",
                        "{\"requestId\":\"Ab1CdEfGhIjKlM=\",\"ip\":\"198.51.100.4\",\"requestTime\":\"24/Nov/2026:10:00:02 "
                                + "+0000\",\"routeKey\":\"POST /orders\",\"status\":\"401\",\"protocol\":\"HTTP/1.1\",\"responseLength\":\"0\"}")
                        .format(Format.API_GATEWAY).field(Field.METHOD, "POST").field(Field.PATH, "/orders").field(Field.STATUS, "401"),
                golden("apiGatewayClf_restAndHttpApis: REST",
                        "203.0.113.3 - - [24/Nov/2026:10:00:01 +0000]\"GET /items/{id} HTTP/1.1\" 200 52 7f6a0c1e-0000-4000-8000-000000000001")
                        .format(Format.API_GATEWAY).actorIp("203.0.113.3").field(Field.PATH, "/items/{id}"),
                golden("apiGatewayClf_restAndHttpApis: HTTP",
                        "198.51.100.4 - - [24/Nov/2026:10:00:02 +0000] \"POST POST /orders HTTP/1.1\" 401 0 Ab1CdEfGhIjKlM=")
                        .format(Format.API_GATEWAY).field(Field.METHOD, "POST").field(Field.PATH, "/orders"),
                golden("wafRecord_readsTheRefererHeaderApart",
                        "{\"timestamp\":1764000000000,\"action\":\"ALLOW\",\"terminatingRuleId\":\"Default_Action\","
                                + "\"httpRequest\":{\"clientIp\":\"192.0.2.9\",\"httpMethod\":\"GET\",\"uri\":\"/a\",\"args\":\"x=1\",\"headers\":"
                                + "[{\"name\":\"Referer\",\"value\":\"https://r.example/?a=1&b=2\"},{\"name\":\"User-Agent\",\"value\":\"Mozilla\"}]}}")
                        .format(Format.WAF).field(Field.REFERER, "https://r.example/?a=1&b=2").field(Field.PATH, "/a?x=1"));
    }

    /** The other half of {@code cloudFrontStandard_withAndWithoutItsFieldsLine}: a file with its header lines. */
    @Test
    void cloudFrontStandard_withItsFieldsLine() {
        List<ParsedEvent> file = parseAll("#Version: 1.0",
                "#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-uri-query",
                "2026-11-24\t21:02:32\t198.51.100.2\tPOST\t/login\t403\t-");
        assertEquals(Format.CLOUDFRONT, file.get(0).format());
        assertEquals(Format.CLOUDFRONT, file.get(1).format());
        assertEquals("198.51.100.2", file.get(2).actorIp());
        assertEquals("/login", file.get(2).field(Field.PATH));
        assertEquals("403", file.get(2).field(Field.STATUS));
    }
}
