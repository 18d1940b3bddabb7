package io.reelflow.inspection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes several files at once on a small pool. Track files are large and few, so a handful of threads keeps the
 * disk busy without starving the rest of the service; largest files start first so the pool finishes together.
 */
final class ParallelAssetHasher {

    /** The base64 SHA-1 of a file, or the I/O error that prevented it. */
    record Result(String base64Sha1, IOException error) {
    }

    private final int threads;
    private final HashProgressListener listener;

    ParallelAssetHasher(int threads, HashProgressListener listener) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        this.listener = listener == null ? HashProgressListener.NONE : listener;
    }

    /**
     * @param files file to its size in bytes (for progress and scheduling)
     * @return a result for every file, in the order given
     */
    Map<Path, Result> hash(Map<Path, Long> files) throws InterruptedException {
        long total = files.values().stream().mapToLong(Long::longValue).sum();
        Progress progress = new Progress(total, listener);
        List<Path> largestFirst = new ArrayList<>(files.keySet());
        largestFirst.sort(Comparator.comparing((Path p) -> files.get(p)).reversed());

        Map<Path, Future<Result>> futures = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())),
                new DaemonThreads());
        try {
            for (Path file : largestFirst) {
                futures.put(file, pool.submit(() -> {
                    try {
                        return new Result(StreamingSha1.base64(file, progress::advance), null);
                    } catch (IOException e) {
                        return new Result(null, e);
                    }
                }));
            }
            Map<Path, Result> results = new LinkedHashMap<>();
            for (Path file : files.keySet()) {
                try {
                    results.put(file, futures.get(file).get());
                } catch (ExecutionException e) {
                    results.put(file, new Result(null, new IOException(e.getCause())));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Serializes listener calls so that bytesDone is monotonic even with several threads reporting. */
    private static final class Progress {
        private final long total;
        private final HashProgressListener listener;
        private long done;

        Progress(long total, HashProgressListener listener) {
            this.total = total;
            this.listener = listener;
        }

        synchronized void advance(long bytes) {
            done += bytes;
            listener.onProgress(done, total);
        }
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "reelflow-hash-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
