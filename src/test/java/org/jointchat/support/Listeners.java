package org.jointchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sockets a server process listens on, as the kernel shows them (Linux: /proc/net/tcp, tcp6, udp, udp6 and
 * the process's open files), and the machine's own addresses beyond loopback: what someone on the network could
 * reach.
 */
public final class Listeners {

    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

    private Listeners() {
    }

    /** A listening TCP socket or a bound UDP socket. */
    public record Listener(String protocol, InetAddress address, int port, long inode) {

        /** Reachable from this machine only (127.0.0.0/8, ::1, or ::ffff:127.x, which Java reads as IPv4). */
        public boolean loopbackOnly() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return protocol + " " + (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
                    + ":" + port;
        }
    }

    /** Every TCP socket in LISTEN and every bound UDP socket on the machine. */
    public static List<Listener> all() {
        var found = new ArrayList<Listener>();
        read("tcp", "/proc/net/tcp", "0A", found);
        read("tcp", "/proc/net/tcp6", "0A", found);
        read("udp", "/proc/net/udp", null, found);
        read("udp", "/proc/net/udp6", null, found);
        return found;
    }

    /** The process holding the TCP socket that listens on the port (whichever address); fails when there is none. */
    public static long pidListeningOn(int port) {
        var inodes = new HashSet<Long>();
        all().stream().filter(l -> l.protocol().equals("tcp") && l.port() == port).forEach(l -> inodes.add(l.inode()));
        if (inodes.isEmpty()) {
            throw new AssertionError("nothing listens on TCP port " + port);
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (socketsOf(process).stream().anyMatch(inodes::contains)) {
                    return Long.parseLong(process.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no process found holding the listener on port " + port + " (not the same user?)");
    }

    /** What the process listens on (TCP) or has bound (UDP). */
    public static List<Listener> of(long pid) {
        var mine = socketsOf(Path.of("/proc", Long.toString(pid)));
        return all().stream().filter(l -> mine.contains(l.inode())).toList();
    }

    /** Those of {@link #of} that are not on loopback: reachable from the network. */
    public static List<Listener> facingTheNetwork(long pid) {
        return of(pid).stream().filter(l -> !l.loopbackOnly()).toList();
    }

    /** The machine's addresses beyond loopback (IPv4 and global IPv6; link-local ones need a scope and are left out). */
    public static List<InetAddress> machineAddresses() {
        try {
            var addresses = new ArrayList<InetAddress>();
            for (var nic : NetworkInterface.networkInterfaces().toList()) {
                if (nic.isUp() && !nic.isLoopback()) {
                    nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(addresses::add);
                }
            }
            return addresses;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the process {@code pid} listens on beyond loopback is exactly {@code http} (TCP, no UDP), and from each of
     * the machine's own addresses those ports answer and none of its other listeners do.
     */
    public static void assertOnlyHttpFacesTheNetwork(long pid, Set<Integer> http) {
        var listeners = of(pid);
        System.out.println("Listeners: process " + pid + " listens on " + listeners);
        var facing = facingTheNetwork(pid);
        assertEquals(http, Set.copyOf(facing.stream().map(Listener::port).toList()),
                "only HTTP(S) beyond loopback; all listeners: " + listeners);
        assertTrue(facing.stream().allMatch(l -> l.protocol().equals("tcp")), "no UDP beyond loopback: " + facing);
        assertTrue(listeners.size() > http.size(), "the loopback listeners (admin, data grid) were seen too: " + listeners);

        var addresses = machineAddresses();
        assertFalse(addresses.isEmpty(), "this machine has a network address beyond loopback to try from");
        var answered = new ArrayList<String>();
        for (var address : addresses) {
            for (var listener : listeners) {
                if (listener.protocol().equals("tcp") && accepts(address, listener.port())) {
                    answered.add(address.getHostAddress() + ":" + listener.port());
                }
            }
            for (int port : http) {
                assertTrue(accepts(address, port), "HTTP(S) answers on " + address.getHostAddress() + ":" + port);
            }
        }
        assertEquals(addresses.size() * http.size(), answered.size(),
                "only HTTP(S) answered on " + addresses + ": " + answered);
    }

    /** Whether a TCP connection to the address and port is accepted (within two seconds). */
    public static boolean accepts(InetAddress address, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refusedOrUnreachable) {
            return false;
        }
    }

    private static Set<Long> socketsOf(Path process) {
        var inodes = new HashSet<Long>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path file : files) {
                try {
                    var matcher = SOCKET.matcher(Files.readSymbolicLink(file).toString());
                    if (matcher.matches()) {
                        inodes.add(Long.parseLong(matcher.group(1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the file was closed while we looked
                }
            }
        } catch (IOException goneOrNotOurs) {
            // a process that ended, or another user's
        }
        return inodes;
    }

    /** Lines of a /proc/net table: sl, local address:port (hex), remote, state, ..., inode (the tenth field). */
    private static void read(String protocol, String table, String state, List<Listener> into) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(table));
        } catch (IOException noSuchTable) {
            return; // no IPv6, say
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 10 || (state != null && !state.equals(fields[3]))) {
                continue;
            }
            String[] local = fields[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            if (port == 0) {
                continue;
            }
            into.add(new Listener(protocol, address(local[0]), port, Long.parseLong(fields[9])));
        }
    }

    /** The kernel writes each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 4 + i;
                bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(2 * at, 2 * at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
