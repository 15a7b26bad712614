package dev.soctriage.bench.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.soctriage.local.LambdaFunction;
import dev.soctriage.local.LocalStack;
import dev.soctriage.servers.ProjectPaths;

/**
 * Where a function's cold start goes, as deployed: each function started once through
 * {@code target/lambda/bootstrap} (its trained cache) with Quarkus's start-up timing on
 * ({@code -Dquarkus.debug.print-startup-times=true} in {@code JAVA_TOOL_OPTIONS}: a system property,
 * which the cache does not check), given the same first request as {@link ColdStart}; then spawn → first
 * answer, Quarkus's own "started in", and its start-up steps that took at least 10 ms, largest first
 * (the steps are Quarkus's recorders: CDI, configuration, Hibernate Validator, the Lambda extension's
 * mapper, the SDK clients, and the start-up observers, ours included). A harness: it prints, judges
 * nothing.
 *
 * <pre>java -cp bench/target/soc-triage-bench.jar:local/target/soc-triage-local.jar dev.soctriage.bench.stack.StartProfile [function ...]</pre>
 */
public final class StartProfile {
    private static final Pattern STEP = Pattern.compile("Build step (\\S+) completed in: (\\d+)ms");
    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");
    private static final long SHOWN_MS = 10;

    private StartProfile() {
    }

    public static void main(String[] args) throws Exception {
        List<String> functions = args.length > 0 ? List.of(args)
                : List.of(LocalStack.LIST, LocalStack.APPROVE, LocalStack.INGEST);
        Path work = ProjectPaths.root().resolve("target/start-profile");
        try (FunctionRig rig = new FunctionRig()) {
            Map<String, String> env = new HashMap<>(rig.env());
            env.put("JAVA_TOOL_OPTIONS", "-Dquarkus.debug.print-startup-times=true");
            System.out.printf("start profile through target/lambda/bootstrap; load average %s%n", ProcessFigures.loadAverage());
            for (String fn : functions) {
                try (LambdaFunction f = LambdaFunction.startDeployed(fn, env, work, false)) {
                    rig.serve(f);
                    String answer = rig.firstRequest(fn, f, "direct event");
                    long first = System.currentTimeMillis() - f.startedAt();
                    print(fn, first, answer, Files.readAllLines(f.log()));
                }
            }
        }
    }

    private static void print(String fn, long firstMs, String answer, List<String> log) {
        String started = "?";
        List<Map.Entry<String, Long>> steps = new ArrayList<>();
        for (String line : log) {
            Matcher s = STEP.matcher(line);
            if (s.find()) {
                steps.add(Map.entry(s.group(1), Long.parseLong(s.group(2))));
            }
            Matcher q = STARTED.matcher(line);
            if (q.find()) {
                started = q.group(1) + " s";
            }
        }
        long total = steps.stream().mapToLong(Map.Entry::getValue).sum();
        System.out.printf("%n%s: spawn -> first answer %d ms (%s); Quarkus started in %s; steps %d ms in all%n", fn,
                firstMs, answer, started, total);
        steps.stream().filter(e -> e.getValue() >= SHOWN_MS)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> System.out.printf("  %6d ms  %s%n", e.getValue(), e.getKey()));
    }
}
