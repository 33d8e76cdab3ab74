package dev.timers.consumer.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * What decides a call: the status line and {@code Retry-After}, known as soon as the response head arrives.
 *
 * @param status the HTTP status code
 * @param retryAfter the {@code Retry-After} header, if any
 */
record ResponseHead(int status, Optional<String> retryAfter) {

    /**
     * Hands the head over the moment it arrives, then reads and drops at most {@code maxBody} bytes of the body;
     * a longer body ends the exchange (the connection is closed rather than reused). So neither a huge body
     * nor one that trickles can hold up the outcome.
     */
    static final class Consumer extends AbstractBinResponseConsumer<ResponseHead> {

        private final CompletableFuture<ResponseHead> head;
        private final long maxBody;
        private ResponseHead received;
        private long bodyBytes;

        Consumer(CompletableFuture<ResponseHead> head, long maxBody) {
            this.head = head;
            this.maxBody = maxBody;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            Header retryAfter = response.getFirstHeader("Retry-After");
            received = new ResponseHead(
                    response.getCode(), Optional.ofNullable(retryAfter).map(Header::getValue));
            head.complete(received);
        }

        @Override
        protected int capacityIncrement() {
            return 8 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            bodyBytes += src.remaining();
            src.position(src.limit());
            if (bodyBytes > maxBody) {
                throw new IOException("response body longer than " + maxBody + " bytes; the rest is not read");
            }
        }

        @Override
        protected ResponseHead buildResult() {
            return received;
        }

        @Override
        public void failed(Exception cause) {
            head.completeExceptionally(cause);
        }

        @Override
        public void releaseResources() {}
    }

    /** Reports a failure before the head arrived; after it, the outcome is already decided. */
    record Completion(CompletableFuture<ResponseHead> head) implements FutureCallback<ResponseHead> {

        @Override
        public void completed(ResponseHead result) {
            head.complete(result);
        }

        @Override
        public void failed(Exception cause) {
            head.completeExceptionally(cause);
        }

        @Override
        public void cancelled() {
            head.cancel(false);
        }
    }
}
