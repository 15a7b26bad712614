package dev.soctriage.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An API Gateway HTTP API request, payload format 2.0: the fields soc-triage reads, nothing more.
 * Identity comes only from {@code requestContext.authorizer.jwt} (API Gateway's JWT authorizer has
 * checked the token before the function runs).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpEvent(String version, String routeKey, String rawPath, String rawQueryString,
        Map<String, String> headers, Map<String, String> queryStringParameters, Map<String, String> pathParameters,
        RequestContext requestContext, String body, @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(String requestId, String stage, Http http, Authorizer authorizer) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String method, String path, String sourceIp) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Authorizer(Jwt jwt) {
    }

    /** Claims are strings as API Gateway delivers them, e.g. {@code "cognito:groups": "[soc-analysts admins]"}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Jwt(Map<String, Object> claims, List<String> scopes) {
    }
}
