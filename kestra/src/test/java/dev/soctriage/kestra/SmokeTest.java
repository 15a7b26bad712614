package dev.soctriage.kestra;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.GenericFlow;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.FlowService;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() throws Exception {
        var ctx = KestraInProcess.runningContext();
        var flow = ctx.getBean(FlowService.class).create(GenericFlow.fromYaml("main", """
            id: smoke
            namespace: soc.remediation
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: hi
            """));
        long t = System.nanoTime();
        Execution e = ctx.getBean(TestRunnerUtils.class).runOne("main", "soc.remediation", "smoke");
        System.out.println("STATE " + e.getState().getCurrent() + " in " + (System.nanoTime() - t) / 1_000_000 + " ms");
    }
}
