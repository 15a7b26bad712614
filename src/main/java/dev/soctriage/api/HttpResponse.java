package dev.soctriage.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An API Gateway HTTP API response (payload format 2.0); the body is JSON text. */
@RegisterForReflection
public record HttpResponse(int statusCode, Map<String, String> headers, String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    public static HttpResponse json(int status, String body) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), body, false);
    }

    public static HttpResponse json(int status, String body, String header, String value) {
        return new HttpResponse(status, Map.of("content-type", "application/json", header, value), body, false);
    }
}
