package dev.soctriage.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Response shapes as Groq's OpenAI-compatible API sends them. */
public final class GroqAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GroqAnswers() {
    }

    /** 200 chat.completion whose choices[0].message.content is {@code content}. */
    public static ResponseDefinitionBuilder completion(String content) {
        try {
            String body = """
                    {"id":"chatcmpl-test","object":"chat.completion","created":1764000000,"model":"openai/gpt-oss-120b",
                     "choices":[{"index":0,"message":{"role":"assistant","content":%s},"logprobs":null,"finish_reason":"stop"}],
                     "usage":{"queue_time":0.01,"prompt_tokens":812,"prompt_time":0.02,"completion_tokens":96,"completion_time":0.1,"total_tokens":908,"total_time":0.12},
                     "system_fingerprint":"fp_test","x_groq":{"id":"req_test"}}
                    """.formatted(JSON.writeValueAsString(content));
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ResponseDefinitionBuilder verdict(boolean malicious, String severity, String action, String target,
            String mitre) {
        return completion("""
                {"malicious":%s,"severity":"%s","threatType":"Model threat","action":"%s","target":"%s",
                 "reasoning":"the model's reasons","mitre":[%s]}""".formatted(malicious, severity, action, target, mitre));
    }

    /** A malicious verdict with its own threat type. */
    public static ResponseDefinitionBuilder threat(String severity, String action, String target, String threatType,
            String mitre) {
        return completion("""
                {"malicious":true,"severity":"%s","threatType":"%s","action":"%s","target":"%s",
                 "reasoning":"the model's reasons","mitre":[%s]}""".formatted(severity, threatType, action, target, mitre));
    }

    public static ResponseDefinitionBuilder rateLimited(String retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("retry-after", retryAfterSeconds)
                .withBody("""
                        {"error":{"message":"Rate limit reached for model `openai/gpt-oss-120b` in organization `org_test` on requests per minute (RPM): Limit 30, Used 30, Requested 1. Please try again in 2s.","type":"requests","code":"rate_limit_exceeded"}}""");
    }

    public static ResponseDefinitionBuilder serverError(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}");
    }

    public static ResponseDefinitionBuilder jsonValidateFailed() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"Generated JSON does not match the expected schema. Please adjust your prompt.","type":"invalid_request_error","code":"json_validate_failed","failed_generation":"{\\"malicious\\": true, \\"severity\\": \\"severe\\"}"}}""");
    }
}
