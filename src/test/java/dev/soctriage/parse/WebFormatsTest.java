package dev.soctriage.parse;

import static dev.soctriage.parse.ParseFixtures.parse;
import static dev.soctriage.parse.ParseFixtures.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;

/** Web logs read by field: the request line apart from Referer and User-Agent, each AWS format as its own. */
class WebFormatsTest {

    @Test
    void combined_refererAndUserAgentAreTheirOwnFields() {
        ParsedEvent e = parse("198.51.100.8 - - [24/Nov/2026:10:00:01 +0000] \"GET /gallery/cat.jpg HTTP/1.1\" 200 5120 "
                + "\"https://images.example-search.com/search?q=cat&tbm=isch&source=lnms&sa=X%3Fa%3D1|x\" "
                + "\"Mozilla/5.0 (X11; Linux x86_64)\"");
        assertEquals(Format.ACCESS_LOG, e.format());
        assertEquals("/gallery/cat.jpg", e.field(Field.PATH));
        assertEquals("https://images.example-search.com/search?q=cat&tbm=isch&source=lnms&sa=X%3Fa%3D1|x",
                e.field(Field.REFERER));
        assertEquals("Mozilla/5.0 (X11; Linux x86_64)", e.field(Field.USER_AGENT));
    }

    @Test
    void vhostPrefixedAndForwardedVariants_keepTheRequestFields() {
        ParsedEvent vhost = parse("shop.example.com:443 203.0.113.9 - - [24/Nov/2026:10:00:01 +0000] \"GET /a?b=1 HTTP/2.0\" 404 "
                + "12 \"-\" \"curl/8.5\"");
        assertEquals("203.0.113.9", vhost.actorIp());
        assertEquals("shop.example.com:443", vhost.field(Field.HOST));
        assertNull(vhost.field(Field.REFERER));
        ParsedEvent xff = parse("10.0.0.2 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 1 \"https://a.example/\" "
                + "\"Mozilla/5.0\" \"198.51.100.1, 10.0.0.9\"");
        assertEquals("https://a.example/", xff.field(Field.REFERER));
        assertEquals("Mozilla/5.0", xff.field(Field.USER_AGENT));
        assertEquals("10.0.0.2", xff.actorIp(), "X-Forwarded-For from an untrusted peer is the client's claim");
    }

    @Test
    void anAbsoluteFormTarget_namesTheHostTheClientAskedFor() {
        ParsedEvent e = parse("203.0.113.44 - - [24/Nov/2026:10:00:01 +0000] \"GET http://169.254.169.254/latest/meta-data/ "
                + "HTTP/1.1\" 200 80 \"-\" \"python-requests/2.31\"");
        assertEquals("169.254.169.254", e.field(Field.HOST));
        assertEquals("/latest/meta-data/", e.field(Field.PATH));
    }

    @Test
    void cloudFrontStandard_withAndWithoutItsFieldsLine() {
        String record = "2026-11-24\t21:02:31\tFRA56-P1\t392\t192.0.2.100\tGET\td1111abcdef8.cloudfront.net\t/index.html\t200\t"
                + "https://ref.example/\tMozilla/5.0%20(Windows%20NT%2010.0)\tq=%27x\t-\tHit\tSOOzq==\twww.example.com\thttps\t23"
                + "\t0.001\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tHit\tHTTP/2.0\t-\t-\t51234\t0.001\tHit\ttext/html\t78\t-\t-";
        ParsedEvent bare = parse(record);
        assertEquals(Format.CLOUDFRONT, bare.format());
        assertEquals("192.0.2.100", bare.actorIp());
        assertEquals("GET", bare.field(Field.METHOD));
        assertEquals("/index.html?q=%27x", bare.field(Field.PATH));
        assertEquals("Mozilla/5.0 (Windows NT 10.0)", bare.field(Field.USER_AGENT));
        assertEquals("https://ref.example/", bare.field(Field.REFERER));
        assertEquals("www.example.com", bare.field(Field.HOST));
        assertEquals(Instant.parse("2026-11-24T21:02:31Z"), bare.time());
        List<ParsedEvent> file = parseAll("#Version: 1.0",
                "#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-uri-query",
                "2026-11-24\t21:02:32\t198.51.100.2\tPOST\t/login\t403\t-");
        assertEquals(Format.CLOUDFRONT, file.get(0).format());
        assertEquals(Format.CLOUDFRONT, file.get(1).format());
        assertEquals("198.51.100.2", file.get(2).actorIp());
        assertEquals("/login", file.get(2).field(Field.PATH));
        assertEquals("403", file.get(2).field(Field.STATUS));
    }

    @Test
    void cloudFrontRealtime_inAwsOrder_orAsConfigured() {
        ParsedEvent all = parse("1764018151.123\t203.0.113.77\t0.002\t404\t512\tGET\thttps\td1.cloudfront.net\t/.env\t90\t"
                + "IAD89-C1\tabc==\twww.example.com\t0.003\tHTTP/1.1\tIPv4\tzgrab/0.x\t-\t-\t-\tError");
        assertEquals(Format.CLOUDFRONT, all.format());
        assertEquals("203.0.113.77", all.actorIp());
        assertEquals("/.env", all.field(Field.PATH));
        assertEquals("zgrab/0.x", all.field(Field.USER_AGENT));
        assertEquals(Instant.ofEpochMilli(1764018151123L), all.time());
        Parsers configured = new Parsers(Clock.systemUTC(), new ParseConfig() {
            @Override
            public Optional<List<String>> trustedProxyCidrs() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> cloudfrontRealtimeFields() {
                return Optional.of(List.of("timestamp", "c-ip", "sc-status", "cs-method", "cs-uri-stem", "cs-uri-query"));
            }
        });
        ParsedEvent e = configured.parseAll(List.of(new LogEvent("e", 0,
                "1764018151.5\t198.51.100.9\t200\tGET\t/search\tq=1"))).get(0);
        assertEquals("198.51.100.9", e.actorIp());
        assertEquals("/search?q=1", e.field(Field.PATH));
        assertEquals("200", e.field(Field.STATUS));
    }

    @Test
    void cloudFrontStandardV2AsJson() {
        ParsedEvent e = parse("{\"date\":\"2026-11-24\",\"time\":\"21:02:33\",\"c-ip\":\"192.0.2.55\",\"cs-method\":\"GET\","
                + "\"cs-uri-stem\":\"/p\",\"cs-uri-query\":\"id=1\",\"sc-status\":\"200\",\"cs(User-Agent)\":\"Mozilla/5.0\"}");
        assertEquals(Format.CLOUDFRONT, e.format());
        assertEquals("192.0.2.55", e.actorIp());
        assertEquals("/p?id=1", e.field(Field.PATH));
    }

    @Test
    void apiGatewayJson_restAndHttpApis() {
        ParsedEvent rest = parse("{\"requestId\":\"7f6a0c1e-0000-4000-8000-000000000001\",\"ip\":\"203.0.113.3\",\"caller\":\"-\","
                + "\"user\":\"-\",\"requestTime\":\"24/Nov/2026:10:00:01 +0000\",\"httpMethod\":\"GET\",\"resourcePath\":"
                + "\"/items/{id}\",\"path\":\"/prod/items/1%27%20or%201=1\",\"status\":\"200\",\"protocol\":\"HTTP/1.1\","
                + "\"responseLength\":\"52\"}");
        assertEquals(Format.API_GATEWAY, rest.format());
        assertEquals("203.0.113.3", rest.actorIp());
        assertEquals("GET", rest.field(Field.METHOD));
        assertEquals("/prod/items/1%27%20or%201=1", rest.field(Field.PATH));
        assertEquals(Instant.parse("2026-11-24T10:00:01Z"), rest.time());
        ParsedEvent http = parse("{\"requestId\":\"Ab1CdEfGhIjKlM=\",\"ip\":\"198.51.100.4\",\"requestTime\":\"24/Nov/2026:10:00:02 "
                + "+0000\",\"routeKey\":\"POST /orders\",\"status\":\"401\",\"protocol\":\"HTTP/1.1\",\"responseLength\":\"0\"}");
        assertEquals(Format.API_GATEWAY, http.format());
        assertEquals("POST", http.field(Field.METHOD));
        assertEquals("/orders", http.field(Field.PATH));
        assertEquals("401", http.field(Field.STATUS));
    }

    @Test
    void apiGatewayClf_restAndHttpApis() {
        ParsedEvent rest = parse("203.0.113.3 - - [24/Nov/2026:10:00:01 +0000]\"GET /items/{id} HTTP/1.1\" 200 52 "
                + "7f6a0c1e-0000-4000-8000-000000000001");
        assertEquals(Format.API_GATEWAY, rest.format());
        assertEquals("203.0.113.3", rest.actorIp());
        assertEquals("/items/{id}", rest.field(Field.PATH));
        ParsedEvent http = parse("198.51.100.4 - - [24/Nov/2026:10:00:02 +0000] \"POST POST /orders HTTP/1.1\" 401 0 "
                + "Ab1CdEfGhIjKlM=");
        assertEquals(Format.API_GATEWAY, http.format());
        assertEquals("POST", http.field(Field.METHOD));
        assertEquals("/orders", http.field(Field.PATH));
    }

    @Test
    void wafRecord_readsTheRefererHeaderApart() {
        ParsedEvent e = parse("{\"timestamp\":1764000000000,\"action\":\"ALLOW\",\"terminatingRuleId\":\"Default_Action\","
                + "\"httpRequest\":{\"clientIp\":\"192.0.2.9\",\"httpMethod\":\"GET\",\"uri\":\"/a\",\"args\":\"x=1\",\"headers\":"
                + "[{\"name\":\"Referer\",\"value\":\"https://r.example/?a=1&b=2\"},{\"name\":\"User-Agent\",\"value\":\"Mozilla\"}]}}");
        assertEquals(Format.WAF, e.format());
        assertEquals("https://r.example/?a=1&b=2", e.field(Field.REFERER));
        assertEquals("/a?x=1", e.field(Field.PATH));
    }
}
