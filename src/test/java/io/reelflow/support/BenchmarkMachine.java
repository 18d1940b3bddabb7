package io.reelflow.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What every benchmark prints about the machine it ran on, and the small chores around a server it starts itself. */
public final class BenchmarkMachine {

    private BenchmarkMachine() {
    }

    /** The q-quantile (0 &lt; q &lt;= 1) of already sorted values, nearest rank. */
    public static long percentile(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The 1, 5 and 15 minute load averages, or "?" off Linux. */
    public static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    public static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    public static String memTotalMiB() {
        try (var lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).map(l -> String.valueOf(Long.parseLong(l.replaceAll("\\D", "")) / 1024)).findFirst()
                    .orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    /** PostgreSQL is down when its postmaster.pid is gone (a stopped server removes it); waits at most two minutes. */
    public static void awaitPostgresStopped(Path dataDir) throws InterruptedException {
        Path pid = dataDir.resolve("postmaster.pid");
        long t0 = System.nanoTime();
        while (Files.exists(pid) && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(2)) Thread.sleep(50);
    }

    public static void deleteDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
