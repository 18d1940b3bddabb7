package io.reelflow.inspection;

/**
 * Told how far hashing has got across all files of an inspection. Called from hashing threads, serialized, with
 * {@code bytesDone} never decreasing; keep it quick.
 */
@FunctionalInterface
public interface HashProgressListener {

    HashProgressListener NONE = (done, total) -> { };

    void onProgress(long bytesDone, long bytesTotal);
}
