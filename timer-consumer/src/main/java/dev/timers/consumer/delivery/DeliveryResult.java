package dev.timers.consumer.delivery;

/** What one call to a timer's target came to. */
sealed interface DeliveryResult {

    /** The target answered 2xx. */
    record Delivered(int status) implements DeliveryResult {}

    /** The target refused, failed, or could not be reached. */
    record Failed(String reason) implements DeliveryResult {}
}
