package io.reelflow.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Round trips to PostgreSQL, counted as the socket reads of its JDBC driver that JFR records (every read, no
 * threshold): one per statement or batch answered, a little more for a large answer. Unlike CPU time it does not
 * depend on what else the machine runs, so it shows whether a change saves work even when the pace figures of two runs
 * differ by more than the change. Opt-in ({@code -Dbench.roundTrips=true}): recording every read costs a stack walk each.
 */
final class RoundTrips {

    private final Recording recording = new Recording();

    RoundTrips() {
        recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
    }

    /** Stops recording; the driver's socket reads by who made them (requests, jobs, the job executor's acquisition, other). */
    Map<String, Long> stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("round-trips", ".jfr");
        try {
            recording.dump(file);
            Map<String, Long> reads = new TreeMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getStackTrace() == null || e.getThread() == null) continue;
                boolean driver = false;
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    if (f.getMethod().getType().getName().startsWith("org.postgresql.")) {
                        driver = true;
                        break;
                    }
                }
                if (driver) reads.merge(who(e.getThread().getJavaName()), 1L, Long::sum);
            }
            return reads;
        } finally {
            recording.close();
            Files.deleteIfExists(file);
        }
    }

    private static String who(String thread) {
        if (thread == null) return "other";
        if (thread.startsWith("http-nio")) return "requests";
        if (thread.startsWith("camundaTaskExecutor")) return "jobs";
        if (thread.startsWith("JobExecutor")) return "job acquisition";
        if (thread.equals("main")) return "load driver (polling)";
        return "other";
    }
}
