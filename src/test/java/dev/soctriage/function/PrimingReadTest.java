package dev.soctriage.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.StoredItems;

/**
 * SnapStart priming of list-pending (the test profile's function): its routes answered before the store
 * (401 without identity, 400 for a malformed query) and the store's reads marshalled, nothing read or
 * written (docs/startup.md, "SnapStart").
 */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
class PrimingReadTest {
    @Inject
    Priming priming;
    @Inject
    StoredItems items;

    @Test
    void beforeCheckpoint_answersItsRoutesBeforeTheStore_andTouchesNothing() {
        int before = items.count();

        priming.beforeCheckpoint(null);

        assertEquals("routes answered 401 and 400, 2 store requests marshalled", priming.prime());
        assertEquals(before, items.count());
    }
}
