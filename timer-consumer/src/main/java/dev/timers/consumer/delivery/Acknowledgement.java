package dev.timers.consumer.delivery;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ChannelProxy;

/**
 * The answer to the broker for one delivery, given once its handling is over, from whichever thread finished
 * it. If the channel closed meanwhile (the consumer is stopping, the connection dropped), the broker has
 * already put the message back in the queue; the answer is then dropped, and the claim in the store decides
 * what the redelivered message may still do.
 *
 * @param channel the channel the message came on
 * @param deliveryTag the message's tag on that channel
 */
record Acknowledgement(Channel channel, long deliveryTag) {

    private static final Logger log = LoggerFactory.getLogger(Acknowledgement.class);

    /**
     * The answer for a delivery on {@code channel}. A cached channel's proxy would open a fresh channel when
     * used after its own closed, and answer there for a tag it never delivered; the channel behind it fails
     * cleanly instead.
     */
    static Acknowledgement of(Channel channel, long deliveryTag) {
        Channel target = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
        return new Acknowledgement(target, deliveryTag);
    }

    /** The message is handled: its outcome is in the store. */
    void ack() {
        answer("ack", () -> channel.basicAck(deliveryTag, false));
    }

    /** Back to the queue, to be tried again. */
    void requeue() {
        answer("requeue", () -> channel.basicNack(deliveryTag, false, true));
    }

    /** Out of the queue, into the dead-letter queue. */
    void deadLetter() {
        answer("dead-letter", () -> channel.basicReject(deliveryTag, false));
    }

    private void answer(String what, BrokerCall call) {
        if (!channel.isOpen()) {
            log.debug("Delivery {}: channel closed before its {}; the broker requeued it", deliveryTag, what);
            return;
        }
        try {
            call.run();
        } catch (IOException | RuntimeException e) {
            log.debug("Delivery {}: {} not sent, the channel closed; the broker requeued it", deliveryTag, what, e);
        }
    }

    @FunctionalInterface
    private interface BrokerCall {
        void run() throws IOException;
    }
}
