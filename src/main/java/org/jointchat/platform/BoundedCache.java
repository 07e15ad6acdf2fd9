package org.jointchat.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A bounded read-through cache that a concurrent load cannot refill with a stale value: a load only
 * stores its result when no invalidation happened while it ran. Callers invalidate before and after the
 * change commits; a load that read the old row before the commit sees the generation move and keeps its
 * result to itself. When full, roughly a tenth of the entries is dropped (cheap, and the hot ones come back).
 */
public final class BoundedCache<K, V> {

    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;

    public BoundedCache(int maxEntries) {
        this.maxEntries = Math.max(16, maxEntries);
    }

    /** The cached value, or the loader's (null: nothing is cached). */
    public V get(K key, Function<K, V> loader) {
        var cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        var loaded = loader.apply(key);
        if (loaded != null && generation.get() == before) {
            if (entries.size() >= maxEntries) {
                shrink();
            }
            entries.put(key, loaded);
            // An invalidation that ran between the check and the put must win.
            if (generation.get() != before) {
                entries.remove(key, loaded);
            }
        }
        return loaded;
    }

    /** The cached value or null; nothing is loaded. */
    public V peek(K key) {
        return entries.get(key);
    }

    /** The generation to pass to {@link #putIfUnchanged} after loading several values at once. */
    public long generation() {
        return generation.get();
    }

    /** Stores a value loaded when the generation was {@code before}, unless an invalidation came since. */
    public void putIfUnchanged(K key, V value, long before) {
        if (generation.get() != before) {
            return;
        }
        if (entries.size() >= maxEntries) {
            shrink();
        }
        entries.put(key, value);
        if (generation.get() != before) {
            entries.remove(key, value);
        }
    }

    /** Stores a value known to be current (the caller decides it, e.g. under the owner's lock). */
    public void put(K key, V value) {
        if (entries.size() >= maxEntries) {
            shrink();
        }
        entries.put(key, value);
    }

    public void invalidate(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    public void invalidateIf(Predicate<V> stale) {
        generation.incrementAndGet();
        entries.values().removeIf(stale);
    }

    public int size() {
        return entries.size();
    }

    private void shrink() {
        int drop = Math.max(1, maxEntries / 10);
        var it = entries.keySet().iterator();
        while (drop-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
