package org.jointchat.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client a request comes from, for per-address limits. {@code X-Forwarded-For} is read
 * ONLY when the direct peer is one of the configured trusted proxies ({@code jointchat.trusted-proxies},
 * e.g. the cluster's nginx on 127.0.0.1): anyone else could write any address into it. Behind a trusted
 * proxy the client is the rightmost hop that is not itself a trusted proxy — the one the proxy saw; hops
 * further left are whatever the client claimed.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    @Inject
    @ConfigProperty(name = "jointchat.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> trusted = Set.of();

    @PostConstruct
    void configure() {
        trusted = list(trustedProxies.orElse(""));
    }

    /** The client's address (normalized: {@code ::1} and {@code 0:0:0:0:0:0:0:1} are the same). */
    public String of(HttpServletRequest request) {
        var forwarded = request.getHeaders("X-Forwarded-For");
        List<String> hops = forwarded == null ? List.of() : Collections.list(forwarded);
        return resolve(request.getRemoteAddr(), hops, trusted);
    }

    /** The rule, without a container: the peer, its X-Forwarded-For headers (in order) and the trusted proxies. */
    static String resolve(String peer, List<String> forwardedFor, Set<String> trustedProxies) {
        String direct = normalize(peer);
        if (!trustedProxies.contains(direct) || forwardedFor.isEmpty()) {
            return direct;
        }
        List<String> hops = forwardedFor.stream().flatMap(h -> Arrays.stream(h.split(",")))
                .map(ClientAddress::normalize).filter(h -> !h.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? direct : hops.get(0); // only proxies: the first one is as far as anyone can tell
    }

    /** A comma-separated list of addresses, normalized. */
    public static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(ClientAddress::normalize).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** One textual form per address: IPv6 expanded as Java writes it, brackets and zone dropped; other text as is. */
    public static String normalize(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.contains("]")) {
            a = a.substring(1, a.indexOf(']'));
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (!a.isEmpty() && IP_LITERAL.matcher(a).matches() && (a.contains(":") || a.chars().filter(c -> c == '.').count() == 3)) {
            try {
                return InetAddress.getByName(a).getHostAddress(); // a literal: no name lookup
            } catch (UnknownHostException notAnAddress) {
                return a.toLowerCase(Locale.ROOT);
            }
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /**
     * What a per-address limit counts: an IPv4 address as is, an IPv6 address by its /64 network (one subscriber's
     * LAN gets a whole /64, so counting single IPv6 addresses would let one client take 2^64 fresh buckets).
     */
    public static String limitKey(String normalized) {
        String[] groups = normalized.split(":");
        if (groups.length != 8) {
            return normalized;
        }
        return String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }
}
