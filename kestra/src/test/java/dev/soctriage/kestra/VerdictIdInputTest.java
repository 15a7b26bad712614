package dev.soctriage.kestra;

import static dev.soctriage.kestra.RemediationFixture.NAMESPACE;
import static dev.soctriage.kestra.RemediationFixture.TENANT;
import static dev.soctriage.kestra.RemediationFixture.inputs;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kestra.core.exceptions.InputOutputValidationException;
import io.kestra.core.repositories.FlowRepositoryInterface;
import io.kestra.core.runners.FlowInputOutput;

/**
 * The one input Kestra itself refuses: {@code report-outcome} puts the verdict id in a URL path,
 * so an id that is not a plain path segment never becomes an execution.
 */
class VerdictIdInputTest {
    @BeforeEach
    void startKestra() throws Exception {
        RemediationFixture.resetStubs();
    }

    @ParameterizedTest
    @ValueSource(strings = {"block-ip", "disable-user", "monitor"})
    void execution_isRefused_whenTheVerdictIdCouldNotBeAUrlPathSegment(String flowId) {
        // given the id that report-outcome would put in the outcome URL's path
        var flow = RemediationFixture.kestra().getBean(FlowRepositoryInterface.class).findById(TENANT, NAMESPACE, flowId).orElseThrow();
        Map<String, Object> inputs = new java.util.HashMap<>(inputs("v_1", "block_ip", "203.0.113.7"));
        inputs.put("verdictId", "../../admin");

        // when Kestra reads the inputs, as it does before it creates an execution, then it refuses them
        InputOutputValidationException refused = assertThrows(InputOutputValidationException.class,
            () -> RemediationFixture.kestra().getBean(FlowInputOutput.class).readExecutionInputs(flow, "refused-" + flowId, inputs));
        assertTrue(refused.getMessage().contains("verdictId"), refused.getMessage());
    }
}
