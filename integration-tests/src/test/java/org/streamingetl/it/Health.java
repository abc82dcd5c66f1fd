package org.streamingetl.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls a service's readiness endpoint. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Health() {
    }

    /** Waits until the service at {@code serviceUrl} reports ready (HTTP 200), for up to two minutes. */
    static void awaitReady(String serviceUrl) throws Exception {
        awaitReadiness(serviceUrl, 200, "", Duration.ofSeconds(120));
    }

    /**
     * Waits until {@code <serviceUrl>/q/health/ready} answers {@code status} with a body mentioning {@code mention};
     * returns that body, or fails with the last one.
     */
    static String awaitReadiness(String serviceUrl, int status, String mention, Duration timeout) throws Exception {
        URI uri = URI.create(serviceUrl + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                body = response.body();
                if (response.statusCode() == status && body.contains(mention)) {
                    return body;
                }
            } catch (java.io.IOException notListeningYet) {
                body = "(not listening: " + notListeningYet.getMessage() + ")";
            }
            Thread.sleep(250);
        }
        throw new AssertionError(uri + " never answered " + status + " mentioning '" + mention + "' within "
                + timeout.toSeconds() + " s; last answer: " + body);
    }
}
