package dev.timers.consumer.targets;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Per owner and host state for operators, sampled every few seconds: {@code timers.targets.circuits.open}
 * (owners' circuits to hosts open because their calls have been failing), {@code timers.targets.tracked} (hosts
 * whose state is kept now) and, for the {@value #TOP} owner and host pairs with the most recent failures or
 * calls in flight (so the number of series stays bounded however many owners and hosts there are), {@code
 * timers.target.in_flight{owner,host}}, {@code timers.target.recent_failures{owner,host}} and {@code
 * timers.target.circuit_open{owner,host}}.
 */
@Component
class TargetHostMetrics implements SchedulingConfigurer {

    static final int TOP = 10;
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final TargetHosts targets;
    private final AtomicInteger openCircuits = new AtomicInteger();
    private final MultiGauge inFlight;
    private final MultiGauge recentFailures;
    private final MultiGauge circuitOpen;

    TargetHostMetrics(TargetHosts targets, MeterRegistry meters) {
        this.targets = targets;
        Gauge.builder("timers.targets.circuits.open", openCircuits, AtomicInteger::get)
                .description("Owner and target host pairs whose circuit is open: those timers are retried uncalled")
                .register(meters);
        Gauge.builder("timers.targets.tracked", targets, TargetHosts::trackedHosts)
                .description("Target hosts whose state (places, circuits) this consumer keeps now")
                .register(meters);
        this.inFlight = MultiGauge.builder("timers.target.in_flight")
                .description("Calls in flight of one owner to one of the busiest or most failing target hosts")
                .register(meters);
        this.recentFailures = MultiGauge.builder("timers.target.recent_failures")
                .description("Failed calls among one owner's latest calls to one of the most failing target hosts")
                .register(meters);
        this.circuitOpen = MultiGauge.builder("timers.target.circuit_open")
                .description("1 while one owner's circuit to one of the most failing target hosts is open")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sample, INTERVAL, INTERVAL));
    }

    void sample() {
        List<TargetHosts.HostState> states = targets.states();
        openCircuits.set(
                (int) states.stream().filter(TargetHosts.HostState::circuitOpen).count());
        List<TargetHosts.HostState> top = states.stream()
                .filter(state -> state.inFlight() > 0 || state.recentFailures() > 0)
                .limit(TOP)
                .toList();
        inFlight.register(rows(top, TargetHosts.HostState::inFlight), true);
        recentFailures.register(rows(top, TargetHosts.HostState::recentFailures), true);
        circuitOpen.register(rows(top, state -> state.circuitOpen() ? 1 : 0), true);
    }

    private static List<MultiGauge.Row<?>> rows(
            List<TargetHosts.HostState> states, java.util.function.ToIntFunction<TargetHosts.HostState> value) {
        return states.stream()
                .<MultiGauge.Row<?>>map(state -> MultiGauge.Row.of(
                        Tags.of("owner", state.owner(), "host", state.host().name()), value.applyAsInt(state)))
                .toList();
    }
}
