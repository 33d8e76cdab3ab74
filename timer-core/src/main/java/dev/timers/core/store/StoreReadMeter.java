package dev.timers.core.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts the items the store reads for us, {@code timers.store.items.read{operation}}: what a query or scan
 * examined (filtered out or not, as DynamoDB bills it), and one per item asked for by key. It is how the cost
 * of the sweeps is checked to follow the work (reads per fired timer) rather than the number of timers pending.
 */
class StoreReadMeter implements ExecutionInterceptor {

    private final Counter queried;
    private final Counter scanned;
    private final Counter fetched;

    StoreReadMeter(MeterRegistry meters) {
        this.queried = counter(meters, "query");
        this.scanned = counter(meters, "scan");
        this.fetched = counter(meters, "get");
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        switch (response) {
            case QueryResponse query -> queried.increment(itemsExamined(query.scannedCount(), query.count()));
            case ScanResponse scan -> scanned.increment(itemsExamined(scan.scannedCount(), scan.count()));
            case GetItemResponse ignored -> fetched.increment();
            case BatchGetItemResponse batch ->
                fetched.increment(
                        batch.responses().values().stream().mapToInt(List::size).sum());
            default -> {}
        }
    }

    /** A COUNT query returns no items, only how many it examined; an emulator may leave that figure out. */
    private static double itemsExamined(Integer scannedCount, Integer count) {
        if (scannedCount != null) {
            return scannedCount;
        }
        return count == null ? 0 : count;
    }

    private static Counter counter(MeterRegistry meters, String operation) {
        return Counter.builder("timers.store.items.read")
                .tag("operation", operation)
                .description("Items the store read for this service: examined by queries and scans, or fetched by key")
                .register(meters);
    }
}
