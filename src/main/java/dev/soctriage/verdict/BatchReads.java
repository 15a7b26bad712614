package dev.soctriage.verdict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Items of the verdict table by id, 100 to a {@code BatchGetItem}, unprocessed keys asked again (at most
 * five rounds, then {@link StoreUnavailableException}). The one place that pages a batch read, for the
 * suppressions, the memory of benign templates and the open plans.
 */
final class BatchReads {
    static final int MAX_KEYS = 100;
    static final int MAX_ROUNDS = 5;

    private BatchReads() {
    }

    /**
     * @param projection a projection expression, or null for whole items
     * @param names      the expression's attribute names ({@code #s} for the reserved {@code status}), or empty
     * @param call       the caller's wrapper that turns SDK failures into its domain exception
     * @param what       names the read in the error
     */
    static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, Collection<String> ids,
            boolean consistent, String projection, Map<String, String> names,
            Function<Supplier<BatchGetItemResponse>, BatchGetItemResponse> call, String what) {
        List<String> distinct = ids.stream().distinct().toList();
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_KEYS) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS))) {
                keys.add(Map.of("id", AttributeValue.fromS(id)));
            }
            KeysAndAttributes.Builder k = KeysAndAttributes.builder().keys(keys).consistentRead(consistent);
            if (projection != null) {
                k.projectionExpression(projection);
                if (!names.isEmpty()) {
                    k.expressionAttributeNames(names);
                }
            }
            Map<String, KeysAndAttributes> request = Map.of(table, k.build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new StoreUnavailableException(what + ": keys left unprocessed after " + MAX_ROUNDS + " attempts",
                            null);
                }
                Map<String, KeysAndAttributes> r = request;
                BatchGetItemResponse response = call.apply(() -> dynamo.batchGetItem(b -> b.requestItems(r)));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }
}
