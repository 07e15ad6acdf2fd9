package org.jointchat.realtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sockets by key (room, user, watched login), with no set kept for a key that has none. Adding and
 * removing take no lock on the key: 19,000 sockets joining general at once must not queue on one lock
 * (a {@code compute} per add did, and showed as the largest cost of an arrival).
 */
final class SocketIndex<K> {

    private final Map<K, Set<Connection>> byKey = new ConcurrentHashMap<>();

    void add(K key, Connection connection) {
        while (true) {
            var sockets = byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
            sockets.add(connection);
            if (byKey.get(key) == sockets) {
                return;
            }
            // The set was dropped as empty meanwhile: join the new one.
        }
    }

    void remove(K key, Connection connection) {
        var sockets = byKey.get(key);
        if (sockets == null || !sockets.remove(connection) || !sockets.isEmpty()) {
            return;
        }
        if (byKey.remove(key, sockets) && !sockets.isEmpty()) {
            // Someone was added between the check and the removal: keep them indexed.
            sockets.forEach(c -> add(key, c));
        }
    }

    Set<Connection> get(K key) {
        var sockets = byKey.get(key);
        return sockets == null ? Set.of() : sockets;
    }

    void forEach(K key, Consumer<Connection> action) {
        var sockets = byKey.get(key);
        if (sockets != null) {
            sockets.forEach(action);
        }
    }

    Set<K> keys() {
        return byKey.keySet();
    }

    int size() {
        return byKey.size();
    }
}
