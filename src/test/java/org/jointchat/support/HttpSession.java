package org.jointchat.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A client with its own cookie jar, like one browser or one API client; redirects are not followed. */
public final class HttpSession {

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public HttpSession(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                // What browsers speak over plain http; the JDK's default would upgrade to h2c.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The address every path is resolved against. */
    public URI base() {
        return base;
    }

    public URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String... headers) {
        var builder = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public static JsonObject json(HttpResponse<String> response) {
        return parse(response.body());
    }

    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonStructure structure = reader.read();
            return structure.asJsonObject();
        }
    }

    /** A JSON array body, e.g. a page of messages. */
    public static JsonArray array(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    /** A response whose body is a JSON array of objects. */
    public static List<JsonObject> objects(HttpResponse<String> response) {
        return array(response.body()).getValuesAs(JsonObject.class);
    }

    /** A server-absolute path ("/ctx/login.xhtml") made relative to the base ("/login.xhtml"). */
    public String redirectPathOf(String absolutePath) {
        String basePath = base.getRawPath().endsWith("/") ? base.getRawPath().substring(0, base.getRawPath().length() - 1) : base.getRawPath();
        return absolutePath.startsWith(basePath) ? absolutePath.substring(basePath.length()) : absolutePath;
    }

    /** The path of a redirect's Location, relative to the base, e.g. "/login.xhtml?next=...". */
    public String redirectPath(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
        String within = redirectPathOf(URI.create(location).getRawPath());
        String query = URI.create(location).getRawQuery();
        return query == null ? within : within + "?" + query;
    }
}
