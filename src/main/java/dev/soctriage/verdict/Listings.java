package dev.soctriage.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.VerdictStore.Order;
import dev.soctriage.verdict.VerdictStore.Page;

/**
 * One page of the queue ({@link VerdictStore#list}): a query of {@code status-index} in severity order,
 * from a severity up, or of {@code activity-index} by last activity, filtered by severity. Never a scan.
 */
final class Listings {
    private Listings() {
    }

    static Page page(VerdictTable table, Status status, Severity minSeverity, Order order, int limit,
            String nextToken) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1..100");
        }
        Map<String, String> names = new HashMap<>();
        names.put("#s", "status");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", AttributeValue.fromS(status.name()));
        String condition = "#s = :s";
        QueryRequest.Builder q = QueryRequest.builder().tableName(table.name()).scanIndexForward(false).limit(limit);
        if (order == Order.SEVERITY) {
            q.indexName(VerdictItems.STATUS_INDEX);
            if (minSeverity != null) {
                names.put("#q", VerdictItems.QUEUE_KEY);
                values.put(":q", AttributeValue.fromS(minSeverity.rank() + "#"));
                condition += " AND #q >= :q";
            }
        } else {
            q.indexName(VerdictItems.ACTIVITY_INDEX);
            if (minSeverity != null) {
                // the activity index is not ordered by severity: filter (a page may come back short)
                List<String> allowed = new ArrayList<>();
                for (Severity sv : Severity.values()) {
                    if (sv.compareTo(minSeverity) >= 0) {
                        allowed.add(":v" + sv.rank());
                        values.put(":v" + sv.rank(), AttributeValue.fromS(sv.wire()));
                    }
                }
                names.put("#v", "severity");
                q.filterExpression("#v IN (" + String.join(", ", allowed) + ")");
            }
        }
        q.keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values);
        if (nextToken != null) {
            q.exclusiveStartKey(PageTokens.decode(nextToken, status, minSeverity, order));
        }
        QueryRequest request = q.build();
        QueryResponse r = table.call(() -> table.dynamo().query(request));
        List<Verdict> items = new ArrayList<>(r.count());
        for (Map<String, AttributeValue> item : r.items()) {
            items.add(VerdictItems.fromItem(item));
        }
        String token = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
                ? PageTokens.encode(r.lastEvaluatedKey(), status, minSeverity, order)
                : null;
        return new Page(items, token);
    }
}
