package dev.timers.api;

import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.TimerOptions;
import java.net.URI;
import java.time.Instant;

/**
 * A create request that passed every check: what the timer will be, before it has an id.
 *
 * @param url the target
 * @param request what the target is sent
 * @param options the client's other choices
 * @param fireAt when it fires
 * @param form the form its time was given in ({@code classic}, {@code delay} or {@code fireAt})
 */
record NewTimer(URI url, TargetRequest request, TimerOptions options, Instant fireAt, String form) {}
