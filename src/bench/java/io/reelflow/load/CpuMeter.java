package io.reelflow.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CPU time spent by the service's two processes: this JVM and the PostgreSQL cluster it talks to (the postmaster,
 * its live children and those it has already reaped), read from {@code /proc}. Unlike wall time it hardly depends on
 * what else runs on the machine, so "CPU ms per deal" compares runs on a shared machine; on a quiet two-core machine
 * the pace it allows is about 2 × 1000 / (CPU ms per deal). Reads nothing (answers -1) where {@code /proc} is missing.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private final long postmaster;

    CpuMeter(JdbcTemplate jdbc) {
        Integer backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
        this.postmaster = backend == null ? -1 : parentOf(backend);
    }

    /** JVM and PostgreSQL CPU seconds so far. */
    double[] seconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        if (postmaster < 0) return new double[] {jvm, -1};
        double pg = ticks(postmaster, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != postmaster && parentOf(pid) == postmaster) pg += ticks(pid, false);
            }
        } catch (IOException e) {
            return new double[] {jvm, -1};
        }
        return new double[] {jvm, pg / TICKS_PER_SECOND};
    }

    /**
     * CPU seconds so far of this JVM's JIT compiler threads (C1 and C2, from {@code /proc/self/task}); -1 where
     * {@code /proc} is missing. Part of the JVM's figure, but a cost of the first minutes after a start, not of a deal.
     */
    static double jitSeconds() {
        double ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String name;
                try {
                    name = Files.readString(t.resolve("comm")).trim();
                } catch (IOException | RuntimeException gone) {
                    continue;
                }
                if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
                String[] f = stat(t.resolve("stat"));
                if (f != null) ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * How fast this machine is right now, on one thread: MB/s of SHA-256 over a 32 MB buffer (compute), and ns per step
     * of a random walk through 64 MB (memory). Runs of the same code on this kind of virtual machine differ by a fifth
     * in CPU per deal; this check, taken before and after a measurement, helps tell a slow machine from slow code.
     */
    static String machineCheck() {
        byte[] data = new byte[32 << 20];
        new java.util.Random(42).nextBytes(data);
        long t0 = System.nanoTime();
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 8; i++) sha.update(data);
            if (sha.digest().length != 32) throw new IllegalStateException();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        double shaMbS = 8 * 32 / ((System.nanoTime() - t0) / 1e9);
        int[] next = new int[16 << 20]; // a single cycle through 64 MB (Sattolo's shuffle)
        for (int i = 0; i < next.length; i++) next[i] = i;
        java.util.Random r = new java.util.Random(7);
        for (int i = next.length - 1; i > 0; i--) {
            int j = r.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        int steps = 10_000_000, at = 0;
        long t1 = System.nanoTime();
        for (int i = 0; i < steps; i++) at = next[at];
        double nsPerStep = (System.nanoTime() - t1) / (double) steps;
        if (at < 0) throw new IllegalStateException();
        return String.format(java.util.Locale.ROOT, "SHA-256 %.0f MB/s, memory walk %.1f ns per step", shaMbS, nsPerStep);
    }

    private static String[] stat(long pid) {
        return stat(Path.of("/proc/" + pid + "/stat"));
    }

    /** A process's or thread's {@code stat} file, from its 3rd field (state) on; null when it is gone. */
    private static String[] stat(Path statFile) {
        try {
            String s = Files.readString(statFile);
            return s.substring(s.lastIndexOf(')') + 2).split(" "); // fields from the 3rd (state) on
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long parentOf(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    /** utime + stime (fields 14, 15), and with children cutime + cstime (16, 17). */
    private static double ticks(long pid, boolean withReapedChildren) {
        String[] f = stat(pid);
        if (f == null) return 0;
        double t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withReapedChildren) t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return t;
    }
}
