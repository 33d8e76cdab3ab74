package dev.timers.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a service's Prometheus page on its management port and sums a metric over the tags asked for. */
final class Scrape {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * The sum of every sample of {@code name} whose tags contain all of {@code tagFragments} (as written on the
     * page, e.g. {@code outcome="delivered"}), or null when the page has no such metric or cannot be read.
     */
    Double sum(String managementUrl, String name, String... tagFragments) {
        String page;
        try {
            page = http.send(
                            HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Double total = null;
        for (String line : page.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean matches = true;
            for (String fragment : tagFragments) {
                matches &= line.contains(fragment);
            }
            if (matches) {
                total = (total == null ? 0 : total) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
