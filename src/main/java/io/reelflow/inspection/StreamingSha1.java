package io.reelflow.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.LongConsumer;

/**
 * SHA-1 of a file, streamed through a large buffer so multi-gigabyte track files never sit in memory. The result is
 * base64, as packing lists write it.
 */
public final class StreamingSha1 {

    /** 4 MiB: large enough that per-read overhead vanishes next to the digest, small enough for a few threads. */
    public static final int BUFFER_SIZE = 4 * 1024 * 1024;

    private StreamingSha1() {
    }

    public static String base64(Path file) throws IOException {
        return base64(file, bytes -> { });
    }

    /**
     * @param bytesRead told the size of every chunk as it is read
     */
    public static String base64(Path file, LongConsumer bytesRead) throws IOException {
        return Base64.getEncoder().encodeToString(digest(file, bytesRead));
    }

    public static byte[] digest(Path file, LongConsumer bytesRead) throws IOException {
        MessageDigest sha1 = newSha1();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                sha1.update(buffer, 0, n);
                bytesRead.accept(n);
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("hashing of " + file.getFileName() + " interrupted");
                }
            }
        }
        return sha1.digest();
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }
}
