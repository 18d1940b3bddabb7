package io.reelflow.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
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

    /** CPU used by this JVM, by the PostgreSQL processes of {@code dataDir} and by the whole machine, read from /proc. */
    public record Cpu(long jvmNanos, long pgTicks, long machineBusyTicks, long machineTotalTicks, long wallNanos) {
        public static Cpu now(Path dataDir) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long pg;
            try {
                long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
                pg = ticks(pid, true) + ProcessHandle.of(pid).map(p -> p.descendants().mapToLong(d -> ticks(d.pid(), false)).sum()).orElse(0L);
            } catch (Exception e) {
                pg = -1;
            }
            long busy = 0, total = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i <= 8; i++) total += Long.parseLong(f[i]);
                busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            } catch (Exception e) {
                busy = -1;
            }
            return new Cpu(jvm, pg, busy, total, System.nanoTime());
        }

        private static long ticks(long pid, boolean withReapedChildren) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (withReapedChildren) t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                return t;
            } catch (Exception e) {
                return 0;
            }
        }

        /** Backends that ended in between are counted through the postmaster's reaped-children times. */
        public String minus(Cpu before) {
            double wall = (wallNanos - before.wallNanos) / 1e9;
            double jvm = (jvmNanos - before.jvmNanos) / 1e9;
            double pg = (pgTicks - before.pgTicks) / 100.0;
            double busy = (machineBusyTicks - before.machineBusyTicks) / 100.0;
            double capacity = (machineTotalTicks - before.machineTotalTicks) / 100.0;
            return String.format(Locale.ROOT, "wall %.1f s, this JVM %.1f CPU-s, PostgreSQL %.1f CPU-s, rest of the machine %.1f CPU-s "
                    + "(machine %.0f %% busy)", wall, jvm, pg, Math.max(0, busy - jvm - pg), capacity > 0 ? 100 * busy / capacity : 0);
        }
    }
}
