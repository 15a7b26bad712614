package dev.soctriage.verdict;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Items put into the verdict table, 25 to a {@code BatchWriteItem}, unprocessed items sent again (at most
 * {@link BatchReads#MAX_ROUNDS} rounds, then {@link StoreUnavailableException}). The one place that pages a
 * batch write, for the memories and the delivery journal.
 */
final class BatchWrites {
    static final int MAX_ITEMS = 25;

    private BatchWrites() {
    }

    /**
     * @param call the caller's wrapper that turns SDK failures into its domain exception
     * @param what names the write in the error
     */
    static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items,
            Function<Supplier<BatchWriteItemResponse>, BatchWriteItemResponse> call, String what) {
        for (int from = 0; from < items.size(); from += MAX_ITEMS) {
            List<WriteRequest> puts = items.subList(from, Math.min(items.size(), from + MAX_ITEMS)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            Map<String, List<WriteRequest>> request = Map.of(table, puts);
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == BatchReads.MAX_ROUNDS) {
                    throw new StoreUnavailableException(what + ": items left unprocessed after " + BatchReads.MAX_ROUNDS
                            + " attempts", null);
                }
                Map<String, List<WriteRequest>> r = request;
                BatchWriteItemResponse response = call.apply(() -> dynamo.batchWriteItem(b -> b.requestItems(r)));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
