package dev.soctriage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS operation a function makes while the tests run, for the check that its role in
 * SAM and in Terraform allows exactly those (infra/check_iam.py, run by {@code make test}). Registered
 * through the SDK's own mechanism: {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * on the test class path, so every client of every test boot carries it.
 *
 * <p>Which function makes a call is read from the stack: a {@code @Funq} adapter of
 * {@code dev.soctriage.function} (calls through the Lambda event server), else the service a function
 * hands its work to when a test calls that service directly: {@code IngestPipeline} (ingest-triage),
 * {@code ApprovalService} (approve: every decision route goes through it), {@code VerdictApi}
 * otherwise (list-pending: the read routes). A call with none of these on its stack (table creation at
 * start, a test seeding or reading the store) is no function's and is recorded as {@code -}.
 *
 * <p>One line per distinct call: {@code function, service:Operation (IAM action), resource, caller},
 * tab-separated, appended to {@code target/aws-operations/operations.tsv}. The resource is named as the
 * templates name it: {@code VerdictsTable}, {@code VerdictsTable/index/<name>}, {@code LogBucket/*},
 * {@code GroqApiKeySecretArn}, {@code KestraSecretArn}; anything else is {@code ?<name>}, which the check
 * reports.
 */
public class AwsOperationRecorder implements ExecutionInterceptor {
    private static final Path FILE = Path.of(System.getProperty("soc.aws-operations", "target/aws-operations"),
            "operations.tsv");
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    /** SDK service name to IAM service prefix. */
    private static final Map<String, String> IAM_PREFIX = Map.of("DynamoDb", "dynamodb", "S3", "s3",
            "SecretsManager", "secretsmanager", "Sqs", "sqs", "Sts", "sts", "Kms", "kms");
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String action = IAM_PREFIX.getOrDefault(service, "?" + service) + ":" + operation;
        String[] who = caller();
        for (String resource : resources(service, context.request())) {
            String line = who[0] + "\t" + action + "\t" + resource + "\t" + who[1] + "\n";
            if (SEEN.add(line)) {
                append(line);
            }
        }
    }

    /** {function or "-", first dev.soctriage frame (Class.method)}. */
    private static String[] caller() {
        return STACK.walk(frames -> {
            String adapter = null;
            String pipeline = null;
            String first = "-";
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                Class<?> c = f.getDeclaringClass();
                String name = c.getName();
                if (!name.startsWith("dev.soctriage.") || name.startsWith("dev.soctriage.support.AwsOperationRecorder")) {
                    continue;
                }
                if (first.equals("-")) {
                    first = c.getSimpleName() + "." + f.getMethodName();
                }
                if (name.startsWith("dev.soctriage.function.") && adapter == null) {
                    adapter = funqName(c, f.getMethodName());
                } else if (name.equals("dev.soctriage.pipeline.IngestPipeline")) {
                    pipeline = "ingest-triage";
                } else if (name.equals("dev.soctriage.api.ApprovalService")) {
                    pipeline = "approve";
                } else if (name.equals("dev.soctriage.api.VerdictApi") && pipeline == null) {
                    pipeline = "list-pending";
                }
            }
            return new String[] {adapter != null ? adapter : pipeline != null ? pipeline : "-", first};
        });
    }

    private static String funqName(Class<?> c, String method) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                for (var a : m.getAnnotations()) {
                    if (a.annotationType().getName().equals("io.quarkus.funqy.Funq")) {
                        try {
                            String value = (String) a.annotationType().getMethod("value").invoke(a);
                            return value.isEmpty() ? method : value;
                        } catch (ReflectiveOperationException e) {
                            return method;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static Iterable<String> resources(String service, SdkRequest request) {
        switch (service) {
            case "DynamoDb": {
                Optional<String> table = request.getValueForField("TableName", String.class);
                if (table.isPresent()) {
                    String t = table(table.get());
                    return Set.of(request.getValueForField("IndexName", String.class).map(i -> t + "/index/" + i).orElse(t));
                }
                Optional<Map> items = request.getValueForField("RequestItems", Map.class);
                if (items.isPresent()) {
                    Set<String> tables = new java.util.TreeSet<>();
                    for (Object k : items.get().keySet()) {
                        tables.add(table((String) k));
                    }
                    return tables;
                }
                return Set.of("*");
            }
            case "S3":
                // the functions read log objects only; the bucket's name is the test's
                return Set.of(request.getValueForField("Key", String.class).isPresent() ? "LogBucket/*" : "LogBucket");
            case "SecretsManager": {
                String id = request.getValueForField("SecretId", String.class).orElse("*");
                if (id.equals(config("triage.llm.api-key-secret-arn"))) {
                    return Set.of("GroqApiKeySecretArn");
                }
                if (id.equals(config("kestra.secret-arn"))) {
                    return Set.of("KestraSecretArn");
                }
                return Set.of("?" + id);
            }
            default:
                return Set.of("?");
        }
    }

    private static String table(String name) {
        return name.equals(config("store.table")) ? "VerdictsTable" : "?" + name;
    }

    private static String config(String key) {
        try {
            return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("");
        } catch (IllegalStateException noConfig) {
            return "";
        }
    }

    private static synchronized void append(String line) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record an AWS operation in " + FILE, e);
        }
    }
}
