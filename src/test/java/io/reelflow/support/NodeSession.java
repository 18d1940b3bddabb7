package io.reelflow.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node tool under {@code tools/} kept running across several questions: each is one line written to its standard
 * input, answered by the first output line that matches (the lines before it are kept for the message of a failure).
 * Closing ends its input, so the tool finishes (closing its browser) and exits; it is stopped if it does not.
 */
public final class NodeSession implements AutoCloseable {

    private static final String END = "\u0000end";

    private final Process process;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder transcript = new StringBuilder();

    private NodeSession(Process process) {
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process ended
            } finally {
                lines.add(END);
            }
        }, "node-session-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static NodeSession start(Path dir, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new NodeSession(pb.start());
    }

    /** Writes {@code line} and waits for the first output line {@code answer} accepts; null when none came in time. */
    public String ask(String line, Predicate<String> answer, Duration timeout) throws IOException, InterruptedException {
        input.write(line);
        input.write('\n');
        input.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String out = lines.poll(left, TimeUnit.NANOSECONDS);
            if (out == null || out.equals(END)) {
                if (out != null) lines.add(END);
                return null;
            }
            transcript.append(out).append('\n');
            if (answer.test(out)) return out;
        }
        return null;
    }

    /** Everything the tool printed so far. */
    public String transcript() {
        return transcript.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            input.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
