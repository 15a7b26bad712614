package dev.soctriage.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 13: one approval's Kestra calls end before the approve function is stopped, and the
 * function before API Gateway gives up (its HTTP API integrations time out at 30 s): the caller gets
 * our 502, never a gateway 500. The defaults in application.properties and the timeouts in both
 * templates are read as deployed.
 */
class KestraTimeoutsTest {
    /** API Gateway HTTP API's maximum integration timeout. */
    static final Duration GATEWAY = Duration.ofSeconds(30);
    /** DynamoDB's share of an approval (find, claim, finish), generously. */
    static final Duration STORE = Duration.ofSeconds(4);

    @Test
    void approvesKestraCalls_fitInsideTheApproveFunctionsTimeout_inBothTemplates() throws IOException {
        String props = Files.readString(Path.of("src/main/resources/application.properties"));
        Duration connect = Duration.parse(defaultOf(props, "kestra.connect-timeout"));
        Duration read = Duration.parse(defaultOf(props, "kestra.timeout"));
        // a re-approval searches, then creates: two calls, each connect + read
        Duration kestra = connect.plus(read).multipliedBy(2);

        for (int seconds : List.of(samApproveTimeout(), terraformApproveTimeout())) {
            Duration function = Duration.ofSeconds(seconds);
            assertTrue(kestra.plus(STORE).compareTo(function) < 0,
                    "Kestra " + kestra + " + store " + STORE + " must end inside the function's " + function);
            assertTrue(function.compareTo(GATEWAY) < 0, "the function's " + function + " must end inside the gateway's");
        }
        assertEquals(samApproveTimeout(), terraformApproveTimeout(), "SAM and Terraform agree");
    }

    private static String defaultOf(String props, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=\\$\\{[A-Z_]+:([^}]+)\\}").matcher(props);
        assertTrue(m.find(), key + " has a default");
        return m.group(1);
    }

    private static int samApproveTimeout() throws IOException {
        String sam = Files.readString(Path.of("infra/sam/template.yaml"));
        Matcher m = Pattern.compile("(?s)\\n  ApproveFunction:\\n.*?\\n      Timeout: (\\d+)").matcher(sam);
        assertTrue(m.find(), "SAM ApproveFunction Timeout");
        return Integer.parseInt(m.group(1));
    }

    private static int terraformApproveTimeout() throws IOException {
        String tf = Files.readString(Path.of("infra/terraform/main.tf"));
        // the three functions are one for_each over local.lambdas: the approve entry's timeout, used by the resource
        assertTrue(Pattern.compile("\\n  timeout\\s+= each\\.value\\.timeout\\n").matcher(tf).find(),
                "the Terraform function resource takes each function's timeout from local.lambdas");
        Matcher m = Pattern.compile("(?s)\\n    approve = \\{.*?\\n      timeout\\s+= (\\d+)").matcher(tf);
        assertTrue(m.find(), "Terraform local.lambdas.approve timeout");
        return Integer.parseInt(m.group(1));
    }
}
