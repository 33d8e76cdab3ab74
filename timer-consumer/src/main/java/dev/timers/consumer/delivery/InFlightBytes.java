package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The byte budget of the timers in flight ({@code max-in-flight-bytes}) and what a handling counts against it;
 * {@code timers.delivery.in_flight_bytes} shows how much of it is reserved.
 */
@Configuration(proxyBeanMethods = false)
class InFlightBytes {

    @Bean
    ByteBudget inFlightByteBudget(ConsumerProperties properties, MeterRegistry meters) {
        var budget = new ByteBudget(properties.delivery().inFlightBytes());
        Gauge.builder("timers.delivery.in_flight_bytes", budget, ByteBudget::inUse)
                .description("Bytes of heap the timers in flight have reserved: their wake-ups, the timers as read,"
                        + " the requests as sent and the responses as read")
                .baseUnit(BaseUnits.BYTES)
                .register(meters);
        return budget;
    }

    @Bean
    DeliveryFootprint deliveryFootprint(ConsumerProperties properties) {
        return new DeliveryFootprint(properties);
    }
}
