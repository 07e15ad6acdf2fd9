package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.Listeners;
import org.junit.jupiter.api.Test;

/**
 * Only HTTP and HTTPS face the network: the test domain's server process, found by the socket it listens on for
 * HTTP, listens beyond loopback on its HTTP and HTTPS ports and nowhere else (the admin listener, JMX and the data
 * grid are on loopback, IIOP is off), and from the machine's own network address only those two ports answer.
 * Neither names the product or its version in {@code Server} or {@code X-Powered-By}.
 */
class ListenersIT extends AgainstTheServer {

    static final int HTTP = Integer.getInteger("it.http.port", 18080);
    static final int HTTPS = HTTP + 1;
    /** A product, or anything that looks like a version, in a header. */
    static final Pattern PRODUCT_OR_VERSION = Pattern.compile("(?i)payara|glassfish|grizzly|jakarta|servlet|jsp|java|[0-9]\\.[0-9]");

    @Test
    void onlyHttpAndHttpsListenBeyondLoopbackAndOnlyTheyAnswerOnTheMachinesAddress() {
        Listeners.assertOnlyHttpFacesTheNetwork(Listeners.pidListeningOn(HTTP), Set.of(HTTP, HTTPS));
    }

    @Test
    void noProductOrVersionInServerOrXPoweredByOverHttpAndHttps() throws Exception {
        var client = HttpClient.newBuilder().sslContext(trustingEveryCertificate()).connectTimeout(Duration.ofSeconds(5)).build();
        for (String scheme : List.of("http://127.0.0.1:" + HTTP, "https://127.0.0.1:" + HTTPS)) {
            // A page, the API, a static file, a missing path, a redirect and a HEAD.
            for (String path : List.of("/login.xhtml", "/api/v1/users/me", "/health/ready", "/resources/css/jointchat.css", "/no-such-page",
                    "/", "/app/home.xhtml")) {
                for (String method : List.of("GET", "HEAD")) {
                    var response = client.send(HttpRequest.newBuilder(URI.create(scheme + path)).method(method, HttpRequest.BodyPublishers.noBody())
                            .build(), HttpResponse.BodyHandlers.discarding());
                    assertNoProductOrVersion(method + " " + scheme + path + " (" + response.statusCode() + ")", response);
                }
            }
        }
    }

    public static void assertNoProductOrVersion(String what, HttpResponse<?> response) {
        assertEquals(List.of(), response.headers().allValues("X-Powered-By"), what + ": no X-Powered-By");
        for (String server : response.headers().allValues("Server")) {
            assertFalse(PRODUCT_OR_VERSION.matcher(server).find(), what + ": Server: " + server);
        }
    }

    /** The test domain's HTTPS listener has Payara's self-signed certificate (for "localhost"): any is accepted. */
    static SSLContext trustingEveryCertificate() throws Exception {
        var context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return context;
    }
}
