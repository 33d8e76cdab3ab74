package dev.timers.core.store;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a store that is away (unreachable, failing, throttling) from a request the store refused on its merits.
 * The first heals by itself, so work that met it is put back and tried again; the second will fail the same way
 * every time, so retrying it forever only blocks the work behind it.
 */
public final class StoreFaults {

    private StoreFaults() {}

    /** Whether {@code error} (or what caused it) says the store is unreachable, failing or throttling. */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkServiceException service) {
                return service.statusCode() >= 500 || service.isThrottlingException();
            }
            if (cause instanceof SdkException) {
                // The client's own failures (no connection, timeouts) and anything else the SDK raises.
                return true;
            }
        }
        return false;
    }
}
