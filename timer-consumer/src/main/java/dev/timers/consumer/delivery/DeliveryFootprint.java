package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.util.Map;

/**
 * The bytes of heap one handling holds, as the byte budget counts them: its wake-up message, the timer as read
 * (counted twice: the timer kept, and the store's answer it is parsed from, once for the claim and once more for
 * the outcome's write), the request as sent (the body's bytes and the headers), and the most of the response the
 * client reads. A text counts as Java holds it: a byte a character when all its characters are Latin-1, two
 * otherwise.
 *
 * <p>Before the claim the timer is not known yet: a handling then reserves for the largest timer the store can
 * hold (DynamoDB's item limit of 400 KB, far above what the API lets through), and gives back what its timer
 * turns out not to need as soon as it is read.
 */
final class DeliveryFootprint {

    /** DynamoDB's limit on one item: no timer as read is larger, in UTF-8. */
    static final long LARGEST_ITEM = 400 * 1024;

    /** The timer's record beside its texts (times, ids, options), and the headers Timers sets itself. */
    private static final long FIXED = 2 * 1024;

    private final long message;
    private final long responseCap;

    DeliveryFootprint(ConsumerProperties properties) {
        this(
                ConsumerProperties.Delivery.WAKE_UP_BYTES,
                properties.delivery().maxResponseBody().toBytes());
    }

    DeliveryFootprint(long message, long responseCap) {
        this.message = message;
        this.responseCap = responseCap;
    }

    /**
     * The most a handling may hold whatever its timer: a timer's item of {@link #LARGEST_ITEM} as read (at most
     * two bytes of heap for every byte of UTF-8) and as sent.
     */
    long largest() {
        return message + FIXED + 2 * (2 * LARGEST_ITEM) + LARGEST_ITEM + responseCap;
    }

    /** What the handling of {@code timer}, once read, holds. */
    long of(Timer timer) {
        long read = held(timer.url().toString())
                + held(timer.owner())
                + held(timer.lastError())
                + held(timer.request().body())
                + held(timer.request().contentType())
                + held(timer.request().headers())
                + held(timer.options().metadata());
        for (Attempt attempt : timer.attempts()) {
            read += held(attempt.error());
        }
        long sent = utf8(timer.request().body()) + utf8(timer.request().headers());
        return message + FIXED + 2 * read + sent + responseCap;
    }

    private static long held(Map<String, String> texts) {
        long bytes = 0;
        for (var entry : texts.entrySet()) {
            bytes += held(entry.getKey()) + held(entry.getValue());
        }
        return bytes;
    }

    private static long held(String text) {
        if (text == null) {
            return 0;
        }
        boolean latin1 = text.chars().allMatch(c -> c < 256);
        return latin1 ? text.length() : 2L * text.length();
    }

    private static long utf8(Map<String, String> headers) {
        long bytes = 0;
        for (var entry : headers.entrySet()) {
            // "name: value\r\n"
            bytes += utf8(entry.getKey()) + utf8(entry.getValue()) + 4;
        }
        return bytes;
    }

    /** The length of {@code text} in UTF-8, without encoding it (a body can be large). */
    private static long utf8(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate is half of a character of four bytes.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
