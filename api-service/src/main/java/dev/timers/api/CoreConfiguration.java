package dev.timers.api;

import dev.timers.core.TimersCoreConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The store, broker and clock shared with the consumer. Imported here rather than on {@link ApiApplication}
 * so that web slice tests, which load the application class but no configuration classes, start without them.
 */
@Configuration(proxyBeanMethods = false)
@Import(TimersCoreConfiguration.class)
class CoreConfiguration {}
