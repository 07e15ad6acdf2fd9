package org.jointchat.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The identity provider as seen from the server: its discovery document (cached {@link #METADATA_TTL}), its signing
 * keys (JWKS, cached; fetched again when a token names a key not seen yet, at most every {@link #JWKS_MIN_INTERVAL}),
 * and its token endpoint (the code exchanged with the client secret, HTTP Basic). Every call is bounded as a whole
 * ({@link #TIMEOUT}, headers and body) and its body capped ({@link #MAX_BODY}): a provider that is down or slow costs a
 * sign-in a few seconds, never a hung thread. Failures become {@link SignOnFailure}s.
 */
@ApplicationScoped
public class OidcProvider {

    private static final Logger LOG = Logger.getLogger(OidcProvider.class.getName());
    static final Duration METADATA_TTL = Duration.ofMinutes(10);
    static final Duration JWKS_MIN_INTERVAL = Duration.ofSeconds(30);
    /** Keys are read again at least this often, so that a key the provider withdrew stops being trusted. */
    static final Duration JWKS_MAX_AGE = Duration.ofHours(1);
    /**
     * The start of a sign-in uses the discovery read within this long (success or failure) instead of asking the
     * provider: a crowd of anonymous starts costs the provider one request per interval, and a provider that went
     * down is still told on the login page within seconds.
     */
    static final Duration START_CHECK_INTERVAL = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** No answer of a provider is larger (a discovery document or a JWKS is a few KiB). */
    static final int MAX_BODY = 64 * 1024;

    @Inject
    OidcSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private record Cached<T>(T value, Instant at) {
    }

    private volatile Cached<ProviderMetadata> metadata;
    private volatile Cached<Map<String, PublicKey>> keys;
    private volatile Cached<SignOnFailure> discoveryFailure;
    private final Object discoveryLock = new Object();

    /**
     * The metadata for a new sign-in: what was read within {@link #START_CHECK_INTERVAL}, else read now by one
     * request at a time (the others wait for its answer); a failure is remembered as long, so that a provider that
     * is down is told at once.
     */
    public ProviderMetadata metadataForStart() {
        var recent = recentDiscovery();
        if (recent != null) {
            return recent;
        }
        synchronized (discoveryLock) {
            recent = recentDiscovery();
            if (recent != null) {
                return recent;
            }
            try {
                return discover();
            } catch (SignOnFailure failure) {
                discoveryFailure = new Cached<>(failure, Instant.now());
                throw failure;
            }
        }
    }

    private ProviderMetadata recentDiscovery() {
        Instant since = Instant.now().minus(START_CHECK_INTERVAL);
        var failed = discoveryFailure;
        if (failed != null && failed.at().isAfter(since)) {
            var f = failed.value();
            throw new SignOnFailure(f.messageKey(), f.getMessage() + " (remembered)", f.arguments());
        }
        var cached = metadata;
        return cached != null && cached.at().isAfter(since) ? cached.value() : null;
    }

    /** The provider's metadata, from the cache while it is fresh. */
    public ProviderMetadata metadata() {
        var cached = metadata;
        if (cached != null && cached.at().plus(METADATA_TTL).isAfter(Instant.now())) {
            return cached.value();
        }
        return discover();
    }

    /**
     * Reads the discovery document now (and caches it); {@link #metadataForStart} does at the start of a sign-in
     * (at most once per interval), so that a provider that is down is told on the login page, not as a browser
     * error at the provider's address.
     */
    public ProviderMetadata discover() {
        String issuer = settings.issuer().orElseThrow(() -> new SignOnFailure("oidc.error.off", "single sign-on is off"));
        JsonObject document = getJson(ProviderMetadata.trimSlash(issuer) + "/.well-known/openid-configuration");
        try {
            var read = ProviderMetadata.of(document, issuer);
            metadata = new Cached<>(read, Instant.now());
            discoveryFailure = null;
            return read;
        } catch (IllegalArgumentException misconfigured) {
            throw new SignOnFailure("oidc.error.misconfigured", "discovery: " + misconfigured.getMessage(), misconfigured);
        }
    }

    /** The provider's signing key of this id (null: its only RSA key). */
    public Optional<PublicKey> key(String kid) {
        var cached = keys;
        var found = cached == null ? Optional.<PublicKey>empty() : pick(cached.value(), kid);
        boolean young = cached != null && cached.at().plus(JWKS_MAX_AGE).isAfter(Instant.now());
        if ((found.isPresent() && young) || (cached != null && cached.at().plus(JWKS_MIN_INTERVAL).isAfter(Instant.now()))) {
            return found;
        }
        var jwks = getJson(metadata().jwksUri());
        var read = new LinkedHashMap<String, PublicKey>();
        var list = jwks.getJsonArray("keys");
        if (list != null) {
            for (var entry : list.getValuesAs(JsonObject.class)) {
                IdTokenVerifier.rsaKey(entry).ifPresent(k -> read.put(entry.getString("kid", "#" + read.size()), k));
            }
        }
        keys = new Cached<>(Map.copyOf(read), Instant.now());
        return pick(read, kid);
    }

    private static Optional<PublicKey> pick(Map<String, PublicKey> keys, String kid) {
        if (kid != null) {
            return Optional.ofNullable(keys.get(kid));
        }
        return keys.size() == 1 ? keys.values().stream().findFirst() : Optional.empty();
    }

    /** Exchanges the authorization code for tokens; the ID token (compact JWS). */
    public String exchange(String code, String codeVerifier, String redirectUri) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        form.put("client_id", settings.clientId());
        String basic = Base64.getEncoder().encodeToString((urlEncode(settings.clientId()) + ":" + urlEncode(settings.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(metadata().tokenEndpoint())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build();
        var response = send(request);
        JsonObject body = parse(response.body(), request.uri());
        if (response.statusCode() != 200) {
            LOG.warning(() -> "Single sign-on: the token endpoint answered " + response.statusCode() + ": " + body);
            throw new SignOnFailure("oidc.error.provider", "token endpoint " + response.statusCode());
        }
        String idToken = body.getString("id_token", null);
        if (idToken == null) {
            throw new SignOnFailure("oidc.error.misconfigured", "the token response has no id_token (is \"openid\" in the scopes?)");
        }
        return idToken;
    }

    static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonObject getJson(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException bad) {
            throw new SignOnFailure("oidc.error.misconfigured", "not a URL: " + url, bad);
        }
        var request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        var response = send(request);
        if (response.statusCode() != 200) {
            throw new SignOnFailure("oidc.error.misconfigured", url + " answered " + response.statusCode());
        }
        return parse(response.body(), uri);
    }

    /** The whole exchange (connecting, headers, body) within {@link #TIMEOUT}; a body over {@link #MAX_BODY} is refused. */
    private HttpResponse<String> send(HttpRequest request) {
        var answer = http.sendAsync(request, info -> new CappedBody(MAX_BODY));
        try {
            return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            answer.cancel(true);
            LOG.warning(() -> "Single sign-on: the provider did not answer within " + TIMEOUT + " at " + request.uri());
            throw new SignOnFailure("oidc.error.unreachable", request.uri() + ": no answer within " + TIMEOUT, slow);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof TooLarge) {
                LOG.warning(() -> "Single sign-on: the provider's answer at " + request.uri() + " is over " + MAX_BODY + " bytes");
                throw new SignOnFailure("oidc.error.misconfigured", request.uri() + ": answer over " + MAX_BODY + " bytes", cause);
            }
            LOG.log(Level.WARNING, "Single sign-on: the provider cannot be reached at " + request.uri() + ": " + cause);
            throw new SignOnFailure("oidc.error.unreachable", request.uri() + ": " + cause, cause);
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new SignOnFailure("oidc.error.unreachable", "interrupted", interrupted);
        } catch (IllegalArgumentException unusable) {
            throw new SignOnFailure("oidc.error.misconfigured", request.uri() + ": " + unusable, unusable);
        }
    }

    /** The answer's body is larger than a provider's answer can be. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response body too large");
        }
    }

    /** Collects a body as UTF-8 text, and gives up (cancelling the download) once it passes the cap. */
    static final class CappedBody implements HttpResponse.BodySubscriber<String> {
        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (var buffer : buffers) {
                if (bytes.size() + buffer.remaining() > cap) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static JsonObject parse(String body, URI from) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException notJson) {
            throw new SignOnFailure("oidc.error.misconfigured", from + " did not answer JSON", notJson);
        }
    }
}
