package dev.soctriage.triage.llm;

import java.util.List;
import java.util.Map;

/** The JSON schema of {@link ModelVerdict}, and the {@code response_format} that carries it. */
final class VerdictSchema {
    static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "malicious", Map.of("type", "boolean"),
                    "severity", Map.of("type", "string", "enum", List.of("low", "medium", "high", "critical")),
                    "threatType", Map.of("type", "string"),
                    "action", Map.of("type", "string", "enum", List.of("block_ip", "disable_user", "monitor")),
                    "target", Map.of("type", "string"),
                    "reasoning", Map.of("type", "string"),
                    "mitre", Map.of("type", "array", "items", Map.of("type", "string"))),
            "required", List.of("malicious", "severity", "threatType", "action", "target", "reasoning", "mitre"),
            "additionalProperties", false);

    private VerdictSchema() {
    }

    /** The request's {@code response_format}: the strict schema, or JSON mode. */
    static Map<String, Object> responseFormat(ResponseFormat kind) {
        return switch (kind) {
            case JSON_OBJECT -> Map.of("type", "json_object");
            case JSON_SCHEMA -> Map.of("type", "json_schema",
                    "json_schema", Map.of("name", "verdict", "strict", true, "schema", SCHEMA));
        };
    }
}
