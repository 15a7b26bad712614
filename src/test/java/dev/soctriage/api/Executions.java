package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.servers.KestraFake;

/** What the Kestra fake made of an approval, and whether the approve route's answer names it. */
final class Executions {
    /** Reads answers only: the application's mapper wrote them. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private Executions() {
    }

    /** The id of the one execution the fake holds; fails the test when it holds none or more. */
    static String onlyId(KestraFake kestra) {
        assertEquals(1, kestra.executions().size(), kestra.executions().toString());
        return kestra.executions().get(0).get("id").asText();
    }

    /** The approval answered 200 with the verdict document, which names the fake's one execution. */
    static void assertAnswerNamesTheOnlyOne(HttpResponse r, KestraFake kestra) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(onlyId(kestra), JSON.readTree(r.body()).get("kestraExecutionId").asText());
    }
}
