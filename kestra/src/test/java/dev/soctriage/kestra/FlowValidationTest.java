package dev.soctriage.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.kestra.core.exceptions.FlowProcessingException;
import io.kestra.core.models.flows.FlowSource;
import io.kestra.core.models.flows.FlowWithSource;
import io.kestra.core.models.flows.Input;
import io.kestra.core.models.tasks.Task;
import io.kestra.core.models.validations.ModelValidator;
import io.kestra.core.models.validations.ValidateConstraintViolation;
import io.kestra.core.runners.pebble.PebbleEngineFactory;
import io.kestra.core.services.FlowParsingService;
import io.kestra.core.services.FlowService;
import io.kestra.plugin.core.http.Request;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import jakarta.validation.ConstraintViolationException;

/**
 * Every flow file parsed and validated by Kestra's own code, as `kestra flow validate` and the
 * server's import do, plus the house rules of STYLE.md §11 that Kestra does not check.
 */
class FlowValidationTest {
    /** docs/contract.md, "The call to Kestra": the multipart parts approve sends, in this order. */
    private static final List<String> CONTRACT_INPUTS =
        List.of("verdictId", "action", "target", "severity", "threatType", "approvedBy", "comment");
    private static final List<String> MAIN_FLOWS = List.of("block-ip.yaml", "disable-user.yaml", "monitor.yaml");
    /** What a provider subflow takes, so that BLOCK_IP_PROVIDER / DISABLE_USER_PROVIDER can name any of them. */
    private static final List<String> PROVIDER_INPUTS = List.of("verdictId", "target", "reason");

    static Stream<String> runnableFlows() {
        return FlowFiles.runnableHere().stream();
    }

    static Stream<String> notValidatedHere() {
        return FlowFiles.NOT_VALIDATED_HERE.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("runnableFlows")
    void flow_isValidForKestra(String file) {
        // given
        String source = FlowFiles.read(file);
        var context = KestraInProcess.context();

        // when parsed strictly (unknown properties, duplicates, types) and validated
        FlowWithSource flow;
        try {
            flow = context.getBean(FlowParsingService.class).parse("main", source, true);
            context.getBean(ModelValidator.class).validate(flow);
        } catch (FlowProcessingException | ConstraintViolationException e) {
            fail(file + " is not a valid Kestra flow: " + e.getMessage());
            return;
        }
        List<ValidateConstraintViolation> report = context.getBean(FlowService.class)
            .validate("main", List.of(new FlowSource(file, source)));

        // then
        assertNull(report.getFirst().getConstraints(), file + ": " + report.getFirst().getConstraints());
        // Kestra warns of a subflow it does not know yet: fine for our own flows, imported together
        List<String> warnings = report.getFirst().getWarnings() == null ? List.of() : report.getFirst().getWarnings().stream()
            .filter(w -> !isOneOfOurSubflows(w))
            .toList();
        assertTrue(warnings.isEmpty(), file + " warnings: " + warnings);
        assertTrue(report.getFirst().getDeprecationPaths() == null || report.getFirst().getDeprecationPaths().isEmpty(),
            file + " uses deprecated properties: " + report.getFirst().getDeprecationPaths());
        assertEquals("soc.remediation", flow.getNamespace(), file);
        assertEquals(baseName(file), flow.getId(), "the flow id is the file name");
        assertNotNull(flow.getErrors(), file + " has a flow-level errors branch");
        assertTrue(!flow.getErrors().isEmpty(), file + " has a flow-level errors branch");
        for (Input<?> input : flow.getInputs()) {
            assertTrue(input.getDescription() != null && !input.getDescription().isBlank(), file + ": input " + input.getId() + " has a description");
        }
        for (Task task : flow.allTasksWithChilds()) {
            assertTrue(task.getId().matches("[a-z][a-z0-9_]*"), file + ": task id " + task.getId() + " is snake_case");
            if (task instanceof Request) {
                assertNotNull(task.getRetry(), file + ": remote task " + task.getId() + " declares a retry");
            }
        }
        assertTrue(!source.matches("(?s).*(?i)(password|token|secret)\\s*:\\s*['\"]?[A-Za-z0-9]{12,}.*"),
            file + " holds no literal credential: secrets come from secret()");
    }

    /**
     * Kestra 2.0.0 dispatches a retrying task a second time when a finished task precedes it in
     * the same list (kestra-io/kestra#18909): a remote call would be sent twice per attempt. So a
     * task with a retry is always the first of its list (wrapped in a Sequential when need be).
     */
    @ParameterizedTest
    @MethodSource("allFlows")
    void retriedTask_isTheFirstOfItsTaskList(String file) throws Exception {
        JsonNode flow = new ObjectMapper(new YAMLFactory()).readTree(FlowFiles.read(file));
        assertRetriedTasksFirst(file, flow);
    }

    /**
     * Every expression of every flow compiles with Kestra's own Pebble engine (its functions,
     * filters and operators): the only check of the AWS providers' expressions available here.
     */
    @ParameterizedTest
    @MethodSource("allFlows")
    void expressions_compileWithKestrasPebble(String file) throws Exception {
        PebbleEngine pebble = KestraInProcess.context().getBean(PebbleEngineFactory.class).create();
        List<String> expressions = new java.util.ArrayList<>();
        collectExpressions(new ObjectMapper(new YAMLFactory()).readTree(FlowFiles.read(file)), expressions);
        assertTrue(!expressions.isEmpty(), file + " has expressions");
        for (String expression : expressions) {
            try {
                pebble.getLiteralTemplate(expression);
            } catch (PebbleException e) {
                fail(file + ": " + expression + " does not compile: " + e.getMessage());
            }
        }
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isTextual() && (node.asText().contains("{{") || node.asText().contains("{%"))) {
            into.add(node.asText());
        }
        node.forEach(child -> collectExpressions(child, into));
    }

    static Stream<String> allFlows() {
        return FlowFiles.all().stream();
    }

    private static void assertRetriedTasksFirst(String file, JsonNode node) {
        if (node.isObject()) {
            for (String list : List.of("tasks", "errors", "finally", "then", "else")) {
                JsonNode tasks = node.path(list);
                for (int i = 1; i < tasks.size(); i++) {
                    assertTrue(!tasks.get(i).has("retry"), file + ": " + tasks.get(i).path("id").asText()
                        + " has a retry but is not the first task of its list (kestra-io/kestra#18909)");
                }
            }
            node.forEach(child -> assertRetriedTasksFirst(file, child));
        } else if (node.isArray()) {
            node.forEach(child -> assertRetriedTasksFirst(file, child));
        }
    }

    @ParameterizedTest
    @MethodSource("runnableFlows")
    void flow_declaresExactlyTheContractInputs_whenItIsAMainFlow(String file) {
        FlowWithSource flow = parse(file);
        List<String> inputs = flow.getInputs() == null ? List.of() : flow.getInputs().stream().map(Input::getId).toList();
        if (MAIN_FLOWS.contains(file)) {
            assertEquals(CONTRACT_INPUTS, inputs, file);
            Input<?> comment = flow.getInputs().getLast();
            assertNotNull(comment.getDefaults(), "comment may be left out: it defaults to empty");
        } else if (file.startsWith("providers/")) {
            assertEquals(PROVIDER_INPUTS, inputs, file + " has the provider inputs");
        }
    }

    @Test
    void mainFlows_andTheOutcomeReporter_exist() {
        List<String> files = FlowFiles.runnableHere();
        for (String expected : List.of("block-ip.yaml", "disable-user.yaml", "monitor.yaml", "report-outcome.yaml",
            "providers/http-firewall-block.yaml", "providers/http-idp-disable-user.yaml")) {
            assertTrue(files.contains(expected), expected + " is missing: " + files);
        }
    }

    /**
     * The AWS provider flows cannot be validated by Kestra here (see {@link FlowFiles#NOT_VALIDATED_HERE});
     * what can be checked without the AWS plugin is checked: they exist, are YAML, and keep the
     * provider interface, retries and an errors branch.
     */
    @ParameterizedTest
    @MethodSource("notValidatedHere")
    void awsProvider_keepsTheProviderShape_thoughKestraCannotValidateItHere(String file) throws Exception {
        assertTrue(Files.exists(FlowFiles.ROOT.resolve(file)), file + " is listed as excluded but does not exist");
        JsonNode flow = new ObjectMapper(new YAMLFactory()).readTree(FlowFiles.read(file));
        assertEquals(baseName(file), flow.path("id").asText());
        assertEquals("soc.remediation", flow.path("namespace").asText());
        assertEquals(PROVIDER_INPUTS, flow.path("inputs").findValuesAsText("id"));
        assertTrue(flow.path("errors").size() > 0, file + " has an errors branch");
        for (JsonNode task : flow.path("tasks")) {
            assertTrue(task.path("type").asText().startsWith("io.kestra.plugin.aws."), file + ": " + task.path("id"));
            assertTrue(task.has("retry"), file + ": remote task " + task.path("id").asText() + " declares a retry");
            assertTrue(task.path("containerImage").asText().matches(".+:[0-9][0-9.]*"), file + ": the container image is pinned");
        }
    }

    private static boolean isOneOfOurSubflows(String warning) {
        var m = java.util.regex.Pattern.compile("The subflow '([^']+)' not found in namespace 'soc\\.remediation'\\.").matcher(warning);
        return m.matches() && FlowFiles.all().stream().map(FlowValidationTest::baseName).anyMatch(m.group(1)::equals);
    }

    private static FlowWithSource parse(String file) {
        try {
            return KestraInProcess.context().getBean(FlowParsingService.class).parse("main", FlowFiles.read(file), true);
        } catch (FlowProcessingException e) {
            throw new AssertionError(file + " does not parse", e);
        }
    }

    private static String baseName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }

}
