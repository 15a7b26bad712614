package dev.soctriage.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class LoopbackHttpTest {

    @Test
    void opensOnLoopback_withNagleOffForTheJdkServer() throws Exception {
        HttpServer server = LoopbackHttp.open(0, 0);
        try {
            server.createContext("/", ex -> {
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            assertTrue(server.getAddress().getAddress().isLoopbackAddress(), "bound to " + server.getAddress());
            assertEquals("true", System.getProperty(LoopbackHttp.NODELAY),
                    "the JDK server reads this once, at its first server: it must be set by then");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", answer.body());
        } finally {
            server.stop(0);
        }
    }
}
