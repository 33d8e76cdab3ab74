package dev.timers.core.delay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Opens the broker connection at start-up, which makes RabbitAdmin declare the topology then rather than on
 * the first request, whose timer would otherwise pay for it. A broker that is down is no reason not to start:
 * the connection and the declarations are retried on the next use.
 */
class TopologyWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TopologyWarmUp.class);

    private final ConnectionFactory connectionFactory;

    TopologyWarmUp(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            connectionFactory.createConnection().close();
        } catch (AmqpException e) {
            log.warn("RabbitMQ not reachable at start-up ({}); the topology is declared once it is", e.getMessage());
        }
    }
}
