package dev.timers.consumer.delivery;

import dev.timers.core.delay.TopologyNames;
import dev.timers.core.timer.Timer;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells operators about a timer that failed for good: a JSON message on the dead-letter queue. The store has
 * the full record; this is a notice, so a notice lost to a broker fault loses nothing but the notice.
 */
@Component
class FailedTimerNotices {

    private static final Logger log = LoggerFactory.getLogger(FailedTimerNotices.class);

    private final RabbitTemplate rabbit;
    private final TopologyNames names;
    private final JsonMapper json = JsonMapper.builder().build();

    FailedTimerNotices(RabbitTemplate rabbit, TopologyNames names) {
        this.rabbit = rabbit;
        this.names = names;
    }

    /** The notice's body. */
    record FailedTimer(UUID id, String url, Instant fireAt, String lastError, int attempts) {}

    void send(Timer failed) {
        var notice = new FailedTimer(
                failed.id(),
                failed.url().toString(),
                failed.fireAt(),
                failed.lastError(),
                failed.attempts().size());
        var properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("x-timers-event", "timer-failed");
        try {
            rabbit.send(names.deadExchange(), "", new Message(json.writeValueAsBytes(notice), properties));
        } catch (AmqpException e) {
            log.warn("Timer {}: could not send its failure notice to {}", failed.id(), names.deadQueue(), e);
        }
    }
}
