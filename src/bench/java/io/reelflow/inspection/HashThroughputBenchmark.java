package io.reelflow.inspection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * Not a unit test (no @Test, so the suite never runs it): compares the library's streamed SHA-1 with the system's
 * {@code sha1sum} on one large file.
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.reelflow.inspection.HashThroughputBenchmark [FILE] [--size-mb N]
 * </pre>
 * Without FILE it writes a temporary file of N MiB (default 2048), then deletes it. Each tool hashes the file
 * twice, alternating, after a first untimed read that puts it in the page cache; the best run of each counts.
 */
public final class HashThroughputBenchmark {

    private HashThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        long sizeMb = 2048;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--size-mb")) {
                sizeMb = Long.parseLong(args[++i]);
            } else {
                file = Path.of(args[i]);
            }
        }
        boolean created = file == null;
        if (created) {
            file = Files.createTempFile("reelflow-hash-benchmark", ".bin");
            write(file, sizeMb);
        }
        try {
            run(file);
        } finally {
            if (created) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void run(Path file) throws Exception {
        long bytes = Files.size(file);
        double mib = bytes / (1024.0 * 1024.0);
        System.out.printf("file: %s, %.0f MiB; JVM %s, %d cores%n", file, mib, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        StreamingSha1.digest(file, n -> { }); // warm-up: page cache and JIT

        long bestSystem = Long.MAX_VALUE;
        long bestLibrary = Long.MAX_VALUE;
        String systemHex = null;
        String libraryHex = null;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            systemHex = sha1sum(file);
            bestSystem = Math.min(bestSystem, System.nanoTime() - t0);

            long t1 = System.nanoTime();
            libraryHex = HexFormat.of().formatHex(Base64.getDecoder().decode(StreamingSha1.base64(file)));
            bestLibrary = Math.min(bestLibrary, System.nanoTime() - t1);
        }
        if (!systemHex.equals(libraryHex)) {
            throw new IllegalStateException("digests differ: sha1sum " + systemHex + ", library " + libraryHex);
        }
        double systemRate = mib / (bestSystem / 1e9);
        double libraryRate = mib / (bestLibrary / 1e9);
        System.out.printf("sha1sum:        %8.1f MiB/s (%.2f s)%n", systemRate, bestSystem / 1e9);
        System.out.printf("StreamingSha1:  %8.1f MiB/s (%.2f s)%n", libraryRate, bestLibrary / 1e9);
        System.out.printf("ratio library/sha1sum: %.2f%n", libraryRate / systemRate);
    }

    private static String sha1sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha1sum", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (p.waitFor() != 0) {
            throw new IOException("sha1sum failed: " + output);
        }
        return output.substring(0, 40);
    }

    /** Random-looking content (a repeated 4 MiB random block), written without holding the file in memory. */
    private static void write(Path file, long sizeMb) throws IOException {
        byte[] block = new byte[4 * 1024 * 1024];
        new Random(2024).nextBytes(block);
        long remaining = sizeMb * 1024 * 1024;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (remaining > 0) {
                int n = (int) Math.min(block.length, remaining);
                out.write(block, 0, n);
                remaining -= n;
                block[0]++; // keep blocks distinct
            }
        }
    }
}
