package dev.timers.core.delay;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Asks the broker whether it has the delayed-message plugin, by declaring (and deleting) a throw-away
 * exchange of its type on a connection of its own: a broker without the plugin refuses the type by closing
 * the connection with COMMAND_INVALID, which must not happen to a connection the services use.
 */
public class DelayedExchangeProbe {

    private static final int COMMAND_INVALID = 503;

    private final ConnectionFactory connectionFactory;

    public DelayedExchangeProbe(ConnectionFactory connectionFactory) {
        // A copy, so the quiet handler below applies to the probe's connection alone.
        this.connectionFactory = connectionFactory.clone();
        this.connectionFactory.setExceptionHandler(new QuietExceptionHandler());
    }

    /** Whether the plugin is there; empty when the broker could not be asked. */
    public Optional<Boolean> pluginAvailable() {
        Connection connection;
        try {
            connection = connectionFactory.newConnection("timers-delay-probe");
        } catch (IOException | TimeoutException e) {
            return Optional.empty();
        }
        try {
            var channel = connection.createChannel();
            String name = "timers.probe." + UUID.randomUUID();
            channel.exchangeDeclare(
                    name, PluginTopology.EXCHANGE_TYPE, false, true, Map.of("x-delayed-type", "direct"));
            channel.exchangeDelete(name);
            return Optional.of(true);
        } catch (IOException e) {
            return refusedType(e) ? Optional.of(false) : Optional.empty();
        } finally {
            // abort, not close: it never throws, and the broker may already have closed the connection
            connection.abort();
        }
    }

    /** The broker closing the probe's connection is the expected answer, not something to warn about. */
    private static final class QuietExceptionHandler extends DefaultExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {}
    }

    private static boolean refusedType(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Connection.Close close
                && close.getReplyCode() == COMMAND_INVALID;
    }
}
