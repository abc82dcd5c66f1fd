package org.streamingetl.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls of the tests to the services' APIs. */
final class Http {

    /** HTTP/1.1 (no h2c upgrade) and bounded waits: a service that does not answer fails the call, not the build. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private Http() {
    }

    /** The body of a GET. */
    static String get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET()).body();
    }

    /** A GET, with its status. */
    static HttpResponse<String> getResponse(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A POST of a JSON body, with a bearer token when {@code token} is not null. */
    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** A POST without body or token. */
    static HttpResponse<String> post(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
