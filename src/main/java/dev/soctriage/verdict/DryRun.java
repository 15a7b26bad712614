package dev.soctriage.verdict;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A request that goes through the whole client — endpoint rules, marshalling, SigV4 signing — and stops
 * just before it would be sent: what SnapStart priming runs (docs/startup.md, "SnapStart"). It is signed
 * with throwaway credentials, so the function's own credentials are neither resolved nor cached in a
 * snapshot, and it opens no connection, so none is shared by the copies restored from it.
 */
final class DryRun {
    /** Thrown by the interceptor in place of the transmission; never leaves {@link #run}. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("dry run: stopped before transmission", null, false, false);
        }
    }

    private static final ExecutionInterceptor STOP = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new Stopped();
        }
    };

    /** The override every dry request carries (a request-level plugin adds the interceptor). */
    static final AwsRequestOverrideConfiguration OVERRIDE = AwsRequestOverrideConfiguration.builder()
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "PRIMING")))
            .addPlugin(config -> config.overrideConfiguration(o -> o.addExecutionInterceptor(STOP)))
            .build();

    private DryRun() {
    }

    /**
     * Runs {@code call} (a client call whose request carries {@link #OVERRIDE}).
     *
     * @return 1 when it was stopped before transmission as it should be
     * @throws IllegalStateException when the request went out (the override was lost: a defect)
     */
    static int run(Runnable call) {
        try {
            call.run();
        } catch (Stopped expected) {
            return 1;
        } catch (RuntimeException e) {
            if (causedByStop(e)) {
                return 1;
            }
            throw e;
        }
        throw new IllegalStateException("a dry-run request was sent");
    }

    private static boolean causedByStop(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Stopped) {
                return true;
            }
        }
        return false;
    }
}
