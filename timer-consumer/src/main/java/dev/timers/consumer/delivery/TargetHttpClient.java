package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client that calls targets: Apache HttpClient 5's asynchronous client, whose I/O threads serve
 * thousands of open calls. It never follows redirects, never retries on its own (the retry schedule decides),
 * keeps no cookies, and speaks HTTP/1.1 so that every call is its own exchange. Every connection it opens
 * goes only to addresses the given resolver (the target guard) approved for it.
 */
final class TargetHttpClient {

    private TargetHttpClient() {}

    static CloseableHttpAsyncClient build(ConsumerProperties properties, DnsResolver resolver) {
        var delivery = properties.delivery();
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                // The per-host cap is enforced before a call starts; the pool only must not be tighter.
                .setMaxConnTotal(delivery.maxInFlight())
                .setMaxConnPerRoute(delivery.maxInFlight())
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .setHandshakeTimeout(Timeout.of(properties.connectTimeout()))
                        .build())
                .build();
        return HttpAsyncClients.custom()
                .setConnectionManager(connections)
                // Small per-connection buffers (thousands of connections are open at once), and bounded header
                // lines and counts, so a hostile target cannot make us hold much of what it sends.
                .setHttp1Config(Http1Config.custom()
                        .setBufferSize(2048)
                        .setChunkSizeHint(2048)
                        .setMaxLineLength(8192)
                        .setMaxHeaderCount(100)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(2, Runtime.getRuntime().availableProcessors()))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Timers")
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }
}
