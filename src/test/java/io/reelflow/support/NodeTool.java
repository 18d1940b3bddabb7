package io.reelflow.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the Node tools under {@code tools/} (the browser checks) and hands back its exit code and output. */
public final class NodeTool {

    /** 127: the command could not start (not installed); 124: it ran out of time. */
    public record Result(int exitCode, String output) {
    }

    private NodeTool() {
    }

    public static Result run(Path dir, int seconds, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException notInstalled) {
            return new Result(127, notInstalled.getMessage());
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, "timed out after " + seconds + " s: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
