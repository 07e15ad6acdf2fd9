package org.jointchat.platform;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per client address, in memory, bounded: at most {@code maxAddresses} are kept;
 * when full, buckets that have refilled (idle: forgetting them changes no answer) are dropped first, then,
 * only if an attacker holds more addresses than that at once, an arbitrary tenth (which lets those addresses
 * start over — the bound on memory wins). Exempt addresses are never limited; IPv6 addresses count by their /64
 * ({@link ClientAddress#limitKey}).
 */
public final class AddressBuckets {

    private final TokenBucket rule;
    private final int maxAddresses;
    private final Set<String> exempt;
    private final Map<String, Long> states = new ConcurrentHashMap<>();

    public AddressBuckets(TokenBucket rule, int maxAddresses, Set<String> exempt) {
        this.rule = rule;
        this.maxAddresses = Math.max(16, maxAddresses);
        this.exempt = Set.copyOf(exempt);
    }

    /** Takes one token for the address; 0 when allowed, else how long (ns) until it would be. */
    public long take(String address, long now) {
        if (address == null || exempt.contains(address)) {
            return 0;
        }
        address = ClientAddress.limitKey(address);
        if (states.size() >= maxAddresses && !states.containsKey(address)) {
            shrink(now);
        }
        long[] wait = {0};
        states.compute(address, (key, state) -> {
            long current = state == null ? 0 : state;
            wait[0] = rule.waitNanos(current, now);
            return wait[0] == 0 ? rule.take(current, now) : current;
        });
        return wait[0];
    }

    public int size() {
        return states.size();
    }

    private void shrink(long now) {
        states.values().removeIf(state -> TokenBucket.idle(state, now));
        if (states.size() >= maxAddresses) {
            int drop = Math.max(1, maxAddresses / 10);
            var it = states.keySet().iterator();
            while (drop-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }
}
