package fi.mentoringledger.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Peak resident memory of a service: {@code VmHWM} of its process in {@code /proc}, found from the
 * port it listens on (the socket's inode among the processes' open files), or else from its
 * command line. Only for services on this machine.
 */
final class ServiceMemory {

    private ServiceMemory() {
    }

    /** The process and its peak and current resident memory, in MiB. */
    record Reading(long pid, double peakMiB, double currentMiB, String foundBy) {
    }

    static Optional<Reading> read(String baseUrl, Long givenPid, String jarHint) {
        if (givenPid != null) {
            return reading(givenPid, "--pid");
        }
        URI uri = URI.create(baseUrl);
        String host = uri.getHost();
        if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            return Optional.empty();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        Optional<Long> pid = pidListeningOn(port);
        if (pid.isPresent()) {
            return reading(pid.get(), "port " + port);
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jarHint)).orElse(false))
                .findFirst()
                .flatMap(p -> reading(p.pid(), "command line"));
    }

    private static Optional<Reading> reading(long pid, String foundBy) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return Optional.of(new Reading(pid, kib(status, "VmHWM:") / 1024.0, kib(status, "VmRSS:") / 1024.0, foundBy));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long kib(List<String> status, String key) {
        return status.stream().filter(line -> line.startsWith(key))
                .map(line -> line.substring(key.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    static Optional<Long> pidListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].contains(":") && fields[3].equals("0A")) {
                        String localPort = fields[1].substring(fields[1].lastIndexOf(':') + 1);
                        if (Integer.parseInt(localPort, 16) == port) {
                            inodes.add("socket:[" + fields[9] + "]");
                        }
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no such table on this system: try the other one
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holdsAny(p.resolve("fd"), inodes))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean holdsAny(Path fds, Set<String> inodes) {
        try (Stream<Path> links = Files.list(fds)) {
            return links.anyMatch(link -> {
                try {
                    return inodes.contains(Files.readSymbolicLink(link).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * CPU seconds (user and system) the process has used so far, from {@code /proc/<pid>/stat},
     * assuming the usual 100 clock ticks a second; empty when it cannot be read.
     */
    static Optional<Double> cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String describe(Optional<Reading> reading) {
        return reading.map(r -> String.format(Locale.ROOT, "pid %d: peak %.0f MiB", r.pid(), r.peakMiB()))
                .orElse("not found");
    }
}
