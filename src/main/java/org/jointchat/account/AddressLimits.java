package org.jointchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.AddressBuckets;
import org.jointchat.platform.ClientAddress;
import org.jointchat.platform.TokenBucket;
import org.jointchat.platform.TooManyRequestsException;

/**
 * Registrations and sign-in attempts per client address, checked by every way in (REST and pages) BEFORE
 * any password is hashed, for known and unknown logins alike: one address cannot make the server hash
 * faster than these rates. The per-login lockout ({@link LoginThrottle}) still guards each account against
 * guessing spread over many addresses.
 * <p>
 * The buckets live in memory on each instance. In a cluster an address spread by the balancer over N
 * instances gets at most N times the rate — still bounded, and what the limit protects (this instance's
 * CPU) is per instance anyway; sharing them over the grid would cost a round trip on every attempt.
 */
@ApplicationScoped
public class AddressLimits {

    @Inject
    ClientAddress clientAddress;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.registration.burst", defaultValue = "20")
    int registrationBurst;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.registration.rate", defaultValue = "20")
    int registrationRate;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.registration.period", defaultValue = "PT1M")
    Duration registrationPeriod;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.sign-in.burst", defaultValue = "20")
    int signInBurst;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.sign-in.rate", defaultValue = "1")
    int signInRate;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.sign-in.period", defaultValue = "PT1S")
    Duration signInPeriod;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.exempt-addresses")
    Optional<String> exemptAddresses;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.max-addresses", defaultValue = "100000")
    int maxAddresses;

    private AddressBuckets registrations;
    private AddressBuckets signIns;

    @PostConstruct
    void configure() {
        var exempt = ClientAddress.list(exemptAddresses.orElse(""));
        registrations = new AddressBuckets(TokenBucket.of(registrationBurst, registrationRate, registrationPeriod), maxAddresses, exempt);
        signIns = new AddressBuckets(TokenBucket.of(signInBurst, signInRate, signInPeriod), maxAddresses, exempt);
    }

    /** One registration attempt from the request's client; throws when that address is over its limit. */
    public void registration(HttpServletRequest request) {
        take(registrations, request, "registrations");
    }

    /** One sign-in or token attempt from the request's client; throws when that address is over its limit. */
    public void signIn(HttpServletRequest request) {
        take(signIns, request, "sign-in attempts");
    }

    private void take(AddressBuckets buckets, HttpServletRequest request, String what) {
        long wait = buckets.take(clientAddress.of(request), TokenBucket.now());
        if (wait > 0) {
            throw new TooManyRequestsException("too many " + what + " from this address", Duration.ofSeconds(TokenBucket.seconds(wait)));
        }
    }
}
