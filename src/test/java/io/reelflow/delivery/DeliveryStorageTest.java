package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.platform.web.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only what lies under a storage root is ever read: real paths, symbolic links resolved, no '..'. */
class DeliveryStorageTest {

    @TempDir
    Path tmp;

    @Test
    void onlyRealPathsUnderARootAreTaken() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("deliveries"));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "s");
        Path pkg = Files.createDirectories(root.resolve("DEAL-1/imp1"));
        Path file = Files.writeString(pkg.resolve("fr.ttml"), "<tt/>");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("inside-link"), pkg);
        DeliveryStorage storage = new DeliveryStorage(List.of(root.toString()));

        assertThat(storage.resolve(pkg.toString())).contains(pkg.toRealPath());
        assertThat(storage.resolve(file.toString())).contains(file.toRealPath());
        assertThat(storage.resolve(root.resolve("inside-link/fr.ttml").toString())).contains(file.toRealPath());

        assertThat(storage.resolve(outside.resolve("secret.txt").toString())).as("outside every root").isEmpty();
        assertThat(storage.resolve(root.resolve("escape/secret.txt").toString())).as("a link out of the root").isEmpty();
        assertThat(storage.resolve(root.resolve("DEAL-1/../DEAL-1/imp1").toString())).as("'..' is refused").isEmpty();
        assertThat(storage.resolve(root.resolve("missing").toString())).as("missing").isEmpty();
        assertThat(storage.resolve("DEAL-1/imp1")).as("relative").isEmpty();
        assertThat(storage.resolve("/etc/passwd")).isEmpty();
        assertThat(storage.resolve("/proc/self/environ")).isEmpty();
        assertThat(storage.resolve(root + "/x\0y")).isEmpty();
        assertThat(storage.resolve("")).isEmpty();
        assertThat(storage.resolve(null)).isEmpty();

        // each refusal says what to fix; none tells what exists outside the storage
        assertThat(reason(storage, root.resolve("missing").toString())).endsWith("does not exist on the delivery storage (check the path for a typo)");
        assertThat(reason(storage, root.resolve("escape/secret.txt").toString())).as("a link out: as if missing")
                .endsWith("does not exist on the delivery storage (check the path for a typo)");
        assertThat(reason(storage, "/etc")).isEqualTo("'/etc' is outside the delivery storage [" + root.toRealPath() + "]");
        assertThat(reason(storage, outside.resolve("secret.txt").toString()).replace("secret.txt", "x"))
                .as("the same answer whether it exists or not").isEqualTo(reason(storage, outside.resolve("x").toString()));
        assertThat(reason(storage, "DEAL-1/imp1")).startsWith("'DEAL-1/imp1' is not an absolute path");
        assertThat(storage.problem(pkg.toString())).isEmpty();
    }

    private static String reason(DeliveryStorage storage, String location) {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() -> storage.require("packageLocation", location));
        assertThat(e.problems().get(0).field()).isEqualTo("packageLocation");
        return e.problems().get(0).reason();
    }

    @Test
    void anUnreadableFileIsRefusedAsUnreadable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file: no unreadable file to make");
        Path root = Files.createDirectories(tmp.resolve("deliveries"));
        Path file = Files.writeString(root.resolve("fr.ttml"), "<tt/>");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        DeliveryStorage storage = new DeliveryStorage(List.of(root.toString()));
        assertThat(reason(storage, file.toString())).endsWith("cannot be read by the service (check its permissions)");
    }

    @Test
    void aRootIsRequired() {
        assertThatThrownBy(() -> new DeliveryStorage(List.of())).hasMessageContaining("reelflow.delivery.storage-roots");
        assertThatThrownBy(() -> new DeliveryStorage(List.of(" "))).hasMessageContaining("reelflow.delivery.storage-roots");
    }
}
