package org.jointchat.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential of the server's own warm-up (issue 24, item 3): a random secret made at start, known only to
 * this process, accepted only for {@code /ws}, only from loopback and only while the warm-up runs. It signs in
 * {@link #LOGIN}, which no account can have (logins have no {@code ~}), so the warm-up never shows up as a
 * person: no row, no presence, no message.
 */
@ApplicationScoped
public class WarmupPass {

    /** The warm-up's principal: not a login any account can have. */
    public static final String LOGIN = "~warmup";

    private final String secret;
    private volatile boolean open = true;

    public WarmupPass() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        secret = "warmup." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The bearer token the warm-up's handshakes carry. */
    public String token() {
        return secret;
    }

    /** The warm-up is over: the secret is never accepted again. */
    public void close() {
        open = false;
    }

    /** True when this request is one of the warm-up's own handshakes (its secret, to /ws, from this machine). */
    public boolean accepts(String bearer, HttpServletRequest request) {
        return open && bearer != null && bearer.startsWith("warmup.")
                && MessageDigest.isEqual(secret.getBytes(StandardCharsets.US_ASCII), bearer.getBytes(StandardCharsets.US_ASCII))
                && (request.getContextPath() + "/ws").equals(request.getRequestURI())
                && loopback(request.getRemoteAddr());
    }

    /** Whether the caller of this request is the warm-up (after authentication). */
    public static boolean isWarmup(HttpServletRequest request) {
        var caller = Callers.signedIn(request.getUserPrincipal());
        return caller != null && LOGIN.equals(caller.getName());
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
