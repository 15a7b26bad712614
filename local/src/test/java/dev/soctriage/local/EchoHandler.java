package dev.soctriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * A test function for the local machinery: answers an API Gateway response whose body is the event it
 * received, so a test can see exactly what the gateway and the Runtime API delivered. An event
 * containing {@code please-fail} makes it throw, as a failing function does.
 */
public class EchoHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("please-fail")) {
            throw new IllegalStateException("asked to fail");
        }
        String response = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\",\"x-request-id\":\""
                + context.getAwsRequestId() + "\"},\"body\":" + quote(event) + ",\"isBase64Encoded\":false}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
