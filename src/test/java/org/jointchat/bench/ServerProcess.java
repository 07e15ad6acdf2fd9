package org.jointchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's JVMs as /proc shows them: CPU seconds and resident memory, summed over the instances of a
 * cluster (Linux only; -1 when unknown).
 */
final class ServerProcess {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final List<Long> pids;

    private ServerProcess(List<Long> pids) {
        this.pids = pids;
    }

    /**
     * The given pids (comma-separated), or the ones Payara wrote to config/pid: the domain's own server, and
     * for a cluster domain each instance of its localhost node (nodes/localhost-DOMAIN/INSTANCE/config/pid).
     */
    static ServerProcess find(String pids, String domain) {
        if (pids != null) {
            return new ServerProcess(Arrays.stream(pids.split(",")).map(String::strip).map(Long::parseLong).toList());
        }
        try (Stream<Path> installs = Files.list(Path.of(".runtime"))) {
            var glassfish = installs.map(p -> p.resolve("payara6/glassfish")).filter(Files::isDirectory).findFirst();
            if (glassfish.isEmpty()) {
                return new ServerProcess(List.of());
            }
            var node = glassfish.get().resolve("nodes/localhost-" + domain);
            if (Files.isDirectory(node)) {
                try (Stream<Path> instances = Files.list(node)) {
                    return new ServerProcess(instances.map(i -> i.resolve("config/pid")).filter(Files::exists).sorted()
                            .map(ServerProcess::read).filter(pid -> pid > 0).toList());
                }
            }
            long pid = read(glassfish.get().resolve("domains/" + domain + "/config/pid"));
            return new ServerProcess(pid > 0 ? List.of(pid) : List.of());
        } catch (IOException e) {
            return new ServerProcess(List.of());
        }
    }

    private static long read(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The first (or only) server process, -1 when none was found. */
    long pid() {
        return pids.isEmpty() ? -1 : pids.get(0);
    }

    List<Long> pids() {
        return pids;
    }

    double cpuSeconds() {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields[11] = utime, fields[12] = stime (fields 14 and 15 of the whole line)
                total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return pids.isEmpty() ? -1 : total;
    }

    long rssKb() {
        long total = 0;
        for (long pid : pids) {
            try (var lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
                long kb = lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
                if (kb < 0) {
                    return -1;
                }
                total += kb;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return pids.isEmpty() ? -1 : total;
    }

    long rssMb() {
        long kb = rssKb();
        return kb < 0 ? -1 : kb / 1024;
    }
}
