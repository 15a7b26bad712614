package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the store remembers of deliveries (docs/contract.md, invariant 4): which were fully processed, and
 * the journal an attempt leaves before its first verdict write, so that a retry after a failure lands
 * where that attempt wrote. Failures: {@link StoreUnavailableException} (transient).
 */
public interface DeliveryMarkers {

    /**
     * What is known of a delivery: fully processed before, or begun by an attempt that wrote verdicts and
     * failed before its end (the journal it left), or new.
     */
    Delivery delivery(String deliveryId);

    /** True when this delivery was fully processed before. */
    default boolean deliverySeen(String deliveryId) {
        return delivery(deliveryId).done();
    }

    /**
     * Records, before the first verdict write of a delivery, the plan each of its groups goes to
     * ({@code groupPlans}: group digest → plan key), so that a retry after a failure lands where this
     * attempt wrote (docs/contract.md, invariant 4). Replaces an earlier attempt's journal.
     */
    void journal(String deliveryId, Map<String, String> groupPlans, Instant now);

    /** Of {@code planKeys}, those whose verdict counted {@code deliveryId}: written by an earlier attempt. */
    Set<String> counted(Collection<String> planKeys, String deliveryId);

    /** Records that a delivery was fully processed (after all its verdicts were written). */
    void recordDelivery(String deliveryId, Instant now);

    /**
     * A delivery before it is processed: {@code done} (answer from the marker), else the journal an
     * earlier attempt left (group digest → plan key; empty when none).
     */
    record Delivery(boolean done, Map<String, String> journal) {
        public static final Delivery NEW = new Delivery(false, Map.of());
    }
}
