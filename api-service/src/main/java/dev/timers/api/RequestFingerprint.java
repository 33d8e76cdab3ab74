package dev.timers.api;

import dev.timers.core.store.IdempotencyKeys;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What makes two create requests "the same" for an {@code Idempotency-Key}: the request as read, written again
 * with its fields in one order and its maps sorted, so spacing and key order of the JSON do not matter, but any
 * value does (a body for the target counts byte for byte, as the target would get it).
 */
final class RequestFingerprint {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestFingerprint() {}

    static String of(CreateTimerRequest request) {
        return IdempotencyKeys.digest(CANONICAL.writeValueAsString(request));
    }
}
