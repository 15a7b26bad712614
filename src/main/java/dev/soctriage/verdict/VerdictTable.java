package dev.soctriage.verdict;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The verdict table as each of its stores uses it: the client, the table's name, and the one wrapper that
 * turns an SDK failure into {@link StoreUnavailableException} (a lost condition,
 * {@link ConditionalCheckFailedException}, passes through: the caller decides what it means). Every
 * item's key is {@code id}.
 */
final class VerdictTable {
    private static final Logger LOG = Logger.getLogger(VerdictTable.class);

    private final DynamoDbClient dynamo;
    private final String name;
    private final String what;

    /** @param what names the store in its errors, e.g. "verdict store" */
    VerdictTable(DynamoDbClient dynamo, StoreConfig config, String what) {
        this.dynamo = dynamo;
        this.name = config.table();
        this.what = what;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    String name() {
        return name;
    }

    <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            LOG.warnf("DynamoDB call on %s failed: %s", name, e.getClass().getSimpleName());
            throw new StoreUnavailableException(what + " unavailable: " + e.getMessage(), e);
        }
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    /** The item {@code id}, read strongly consistent; null when there is none. */
    Map<String, AttributeValue> get(String id) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(b -> b.tableName(name).key(key(id))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    void put(Map<String, AttributeValue> item) {
        call(() -> dynamo.putItem(b -> b.tableName(name).item(item)));
    }

    /** {@link BatchReads#get} on this table, failures through {@link #call}. */
    List<Map<String, AttributeValue>> batchGet(Collection<String> ids, boolean consistent, String projection,
            Map<String, String> names, String read) {
        return BatchReads.get(dynamo, name, ids, consistent, projection, names, this::call, read);
    }

    /** {@link BatchWrites#put} on this table, failures through {@link #call}. */
    void batchPut(List<Map<String, AttributeValue>> items, String write) {
        BatchWrites.put(dynamo, name, items, this::call, write);
    }
}
