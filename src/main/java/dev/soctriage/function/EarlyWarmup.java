package dev.soctriage.function;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.joda.time.DateTimeZone;
import org.joda.time.format.ISODateTimeFormat;
import org.joda.time.format.ISOPeriodFormat;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * Start-up work that needs neither configuration nor credentials, started on a second thread as soon as
 * the CDI container exists (Quarkus fires {@code @Initialized(ApplicationScoped.class)} in its static
 * init, before the validator factory, the Lambda mapper and the runtime configuration), so that it runs
 * beside them instead of after them (docs/startup.md, "Where a start goes"):
 * <ul>
 * <li>Joda-Time's classes and tables, which the Lambda extension's Jackson mapper needs next;</li>
 * <li>the JDK's CA certificates, read and parsed once into the JDK's own trust-store cache, which the
 * SDK's HTTP client and the REST clients' TLS contexts then find ready;</li>
 * <li>the SDK's service metadata (every service's, built in one static initialiser) and DynamoDB's
 * endpoint rules with their partition data, evaluated once for a region: what the DynamoDB client's
 * build and its first request would otherwise do on the main thread.</li>
 * </ul>
 * Nothing is sent, no credential or secret is read, nothing is kept but the JDK's and the SDK's own
 * caches of static data (safe to share between SnapStart copies). A failure here costs nothing: the
 * same work is done again where it is needed, and the failure is logged at debug. {@code -Dsoc.early-warmup=false}
 * (a system property: the configuration is not read yet) turns it off, for comparing starts.
 */
@ApplicationScoped
public class EarlyWarmup {
    private static final Logger LOG = Logger.getLogger(EarlyWarmup.class);

    static void onContainer(@Observes @Initialized(ApplicationScoped.class) Object container) {
        if ("false".equals(System.getProperty("soc.early-warmup"))) { // the benches' A/B (docs/startup.md)
            return;
        }
        Thread t = new Thread(EarlyWarmup::run, "soc-early-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** @return whether every warm-up ran (false: one failed, and its work waits for whoever needs it) */
    static boolean run() {
        try {
            jodaTime();
            tls();
            ServiceMetadata.of("dynamodb").signingRegion(Region.US_EAST_1);
            DynamoDbEndpointProvider.defaultProvider()
                    .resolveEndpoint(DynamoDbEndpointParams.builder().region(Region.US_EAST_1).build()).join();
            return true;
        } catch (RuntimeException | KeyStoreException | NoSuchAlgorithmException e) {
            LOG.debugf("early warm-up skipped: %s", e.toString());
            return false;
        }
    }

    /**
     * Joda-Time, which the Lambda extension's mapper registers next (a module for the AWS event types): its
     * class files are of a version the JDK's start-up cache cannot hold, so they are read from the jar at
     * every start, and its zone and ISO formatter tables are built in static initialisers.
     */
    private static void jodaTime() {
        DateTimeZone.getDefault();
        ISODateTimeFormat.dateTime();
        ISOPeriodFormat.standard();
    }

    /** The TLS provider's classes and the CA certificates; the context itself is not initialised, so holds no random. */
    private static void tls() throws NoSuchAlgorithmException, KeyStoreException {
        SSLContext.getInstance("TLS");
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init((KeyStore) null);
    }
}
