package dev.timers.api;

/**
 * When a timer fires, in one of three forms: the classic {@code hours}/{@code minutes}/{@code seconds}, an
 * ISO-8601 {@code delay} ({@code PT1H30M}), or an ISO-8601 {@code fireAt} instant with an offset. It is also the
 * whole body of {@code PATCH /timers/{id}}.
 */
record TimeRequest(Long hours, Long minutes, Long seconds, String delay, String fireAt) {

    boolean isClassic() {
        return hours != null || minutes != null || seconds != null;
    }
}
