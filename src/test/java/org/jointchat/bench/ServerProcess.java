package org.jointchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The server's JVM as /proc shows it: CPU seconds and resident memory (Linux only; -1 when unknown). */
final class ServerProcess {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The given pid, or the one the Payara domain (in .runtime/) wrote to its config/pid file. */
    static ServerProcess find(String pid, String domain) {
        if (pid != null) {
            return new ServerProcess(Long.parseLong(pid));
        }
        try (Stream<Path> installs = Files.list(Path.of(".runtime"))) {
            return installs.map(p -> p.resolve("payara6/glassfish/domains/" + domain + "/config/pid"))
                    .filter(Files::exists).findFirst()
                    .map(file -> {
                        try {
                            return new ServerProcess(Long.parseLong(Files.readString(file).strip()));
                        } catch (IOException | NumberFormatException e) {
                            return new ServerProcess(-1);
                        }
                    }).orElse(new ServerProcess(-1));
        } catch (IOException e) {
            return new ServerProcess(-1);
        }
    }

    long pid() {
        return pid;
    }

    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11] = utime, fields[12] = stime (fields 14 and 15 of the whole line)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long rssKb() {
        try (var lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long rssMb() {
        long kb = rssKb();
        return kb < 0 ? -1 : kb / 1024;
    }
}
