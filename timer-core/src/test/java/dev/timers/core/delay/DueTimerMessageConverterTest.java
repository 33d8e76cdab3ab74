package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

class DueTimerMessageConverterTest {

    private final DueTimerMessageConverter converter = new DueTimerMessageConverter();

    @Test
    void writesPlainJsonAndReadsItBack() {
        var message = new DueTimerMessage(
                UUID.fromString("6f1c8f5e-0000-4000-8000-000000000001"), Instant.parse("2027-01-01T09:00:00Z"));

        Message amqp = converter.toMessage(message, new MessageProperties());

        assertThat(new String(amqp.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"6f1c8f5e-0000-4000-8000-000000000001\",\"fireAt\":\"2027-01-01T09:00:00Z\"}");
        assertThat(amqp.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(amqp.getMessageProperties().getHeaders()).isEmpty();
        assertThat(converter.fromMessage(amqp)).isEqualTo(message);
    }

    @Test
    void carriesTheOwnerWhenKnown() {
        var message = new DueTimerMessage(
                UUID.fromString("6f1c8f5e-0000-4000-8000-000000000001"), Instant.parse("2027-01-01T09:00:00Z"), "acme");

        Message amqp = converter.toMessage(message, new MessageProperties());

        assertThat(new String(amqp.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"6f1c8f5e-0000-4000-8000-000000000001\",\"fireAt\":\"2027-01-01T09:00:00Z\","
                        + "\"owner\":\"acme\"}");
        assertThat(converter.fromMessage(amqp)).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{}", "{\"id\":\"nope\",\"fireAt\":\"2027-01-01T09:00:00Z\"}", "null", ""})
    void refusesAnythingElseAsFatal(String body) {
        var amqp = new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties());

        assertThatThrownBy(() -> converter.fromMessage(amqp)).isInstanceOf(MessageConversionException.class);
    }
}
