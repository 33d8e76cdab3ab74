package dev.timers.core.delay;

import java.nio.charset.StandardCharsets;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format of {@link DueTimerMessage}: plain JSON, {@code {"id":"<uuid>","fireAt":"<ISO-8601>"}} and,
 * when known, {@code "owner":"<owner>"}, with no Java type names in headers, so any client can publish one. A payload that is not such a message
 * raises {@link MessageConversionException}, which the listener container treats as fatal: the message is
 * rejected without requeue and dead-lettered instead of being redelivered forever.
 */
public class DueTimerMessageConverter implements MessageConverter {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!(object instanceof DueTimerMessage message)) {
            throw new MessageConversionException("Only DueTimerMessage is sent, not " + object.getClass());
        }
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        return new Message(json.writeValueAsBytes(message), properties);
    }

    @Override
    public DueTimerMessage fromMessage(Message message) {
        DueTimerMessage due;
        try {
            due = json.readValue(message.getBody(), DueTimerMessage.class);
        } catch (JacksonException e) {
            throw new MessageConversionException("Not a due-timer message: " + e.getOriginalMessage(), e);
        }
        if (due == null || due.id() == null || due.fireAt() == null) {
            throw new MessageConversionException("A due-timer message needs both id and fireAt");
        }
        return due;
    }
}
