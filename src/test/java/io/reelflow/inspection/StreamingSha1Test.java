package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingSha1Test {

    @TempDir
    Path temp;

    @Test
    void matchesTheKnownVector() throws IOException {
        Path f = temp.resolve("abc");
        Files.writeString(f, "abc");

        assertThat(StreamingSha1.base64(f)).isEqualTo("qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
    }

    @Test
    void streamsFilesLargerThanItsBufferAndCountsEveryByte() throws Exception {
        byte[] data = new byte[StreamingSha1.BUFFER_SIZE * 2 + 12345];
        new Random(7).nextBytes(data);
        Path f = temp.resolve("big.bin");
        Files.write(f, data);
        AtomicLong seen = new AtomicLong();

        String hash = StreamingSha1.base64(f, seen::addAndGet);

        assertThat(hash).isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(data)));
        assertThat(seen.get()).isEqualTo(data.length);
    }

    @Test
    void hashesSeveralFilesInParallelAndReportsIoErrors() throws Exception {
        Map<Path, Long> files = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            Path f = temp.resolve("f" + i);
            Files.writeString(f, "content " + i);
            files.put(f, Files.size(f));
        }
        Path gone = temp.resolve("gone");
        files.put(gone, 10L);

        Map<Path, ParallelAssetHasher.Result> results = new ParallelAssetHasher(3, HashProgressListener.NONE)
                .hash(files);

        assertThat(results).hasSize(6);
        assertThat(results.get(temp.resolve("f0")).base64Sha1()).isEqualTo(StreamingSha1.base64(temp.resolve("f0")));
        assertThat(results.get(gone).error()).isNotNull();
    }
}
