package dev.soctriage.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.soctriage.servers.Dynalite;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.LoopbackServer;
import dev.soctriage.servers.ProjectPaths;

/**
 * Cold start of each function of the packaged application through the AWS runtime client, one JVM at a
 * time, as {@code make run} launches them: spawn → initialised (first poll of the Runtime API) and
 * spawn → first response, plus the JVM's resident memory then. Medians of N runs (argument, default 5).
 * The first run trains the shared AppCDS archive when there is none; {@code -Dsoc.cds=false} runs without.
 *
 * <pre>java -cp local/target/soc-triage-local.jar dev.soctriage.local.ColdStart 5</pre> (part of {@code make bench})
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = ProjectPaths.root().resolve("target/cold-start");
        List<Path> cp = RuntimeClasspath.packagedFunction();
        AtomicReference<LambdaFunction> current = new AtomicReference<>();
        try (LoopbackServer dynalite = Dynalite.start();
                KestraFake kestra = new KestraFake(KestraFake.Auth.basic(LocalStack.KESTRA_USER,
                        LocalStack.KESTRA_PASSWORD), LocalStack.KESTRA_NAMESPACE, line -> { });
                LocalGateway gateway = new LocalGateway(0, (e, t) -> current.get().invoke(e, t),
                        (e, t) -> current.get().invoke(e, t), "cognito:groups", System.err::println)) {
            Map<String, String> env = LocalStack.functionEnv(dynalite.endpoint(), kestra.url(), Map.of());
            LocalHttp http = new LocalHttp();
            System.out.printf("%-14s %8s %8s %8s  (ms, median of %d; JVM flags %s)%n", "function", "init", "first", "RSS MB",
                    runs, String.join(" ", LambdaFunction.JVM_FLAGS));
            for (String fn : List.of(LocalStack.LIST, LocalStack.APPROVE, LocalStack.INGEST)) {
                List<Long> init = new ArrayList<>();
                List<Long> first = new ArrayList<>();
                List<Long> rss = new ArrayList<>();
                String status = "";
                for (int i = 0; i < runs; i++) {
                    Map<String, String> e = new java.util.HashMap<>(env);
                    e.put("QUARKUS_FUNQY_EXPORT", fn);
                    try (LambdaFunction f = LambdaFunction.start(fn, cp, LocalStack.HANDLER, e, work, true)) {
                        current.set(f);
                        switch (fn) {
                            case LocalStack.LIST -> status = "GET /verdicts -> " + http.get(gateway.url() + "/verdicts").status();
                            case LocalStack.APPROVE -> status = "POST approve -> " + http.post(gateway.url()
                                    + "/verdicts/v_00000000000000000000000000000000/approve", "{}").status();
                            default -> status = "direct event -> error=" + f.invoke(SampleEvents.directAccessLog(),
                                    Duration.ofSeconds(120)).error();
                        }
                        long answered = System.currentTimeMillis();
                        first.add(answered - f.startedAt());
                        init.add(f.api().firstPoll().getNow(answered) - f.startedAt());
                        rss.add(rssMb(f.pid()));
                    } catch (RuntimeApiEmulator.FunctionFailedException ex) {
                        status = "failed: " + ex.getMessage();
                        break;
                    }
                }
                System.out.printf("%-14s %8s %8s %8s  %s%n", fn, median(init), median(first), median(rss), status);
            }
        }
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String median(List<Long> xs) {
        if (xs.isEmpty()) {
            return "-";
        }
        List<Long> s = xs.stream().sorted().toList();
        return Long.toString(s.get(s.size() / 2));
    }
}
