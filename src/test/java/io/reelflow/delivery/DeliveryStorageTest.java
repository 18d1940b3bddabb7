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

        InvalidInputException missing = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> storage.require("packageLocation", root.resolve("missing").toString()));
        InvalidInputException forbidden = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(
                () -> storage.require("packageLocation", "/etc"));
        assertThat(missing.problems()).as("the same answer for missing and forbidden").isEqualTo(forbidden.problems());
        assertThat(forbidden.problems().get(0).field()).isEqualTo("packageLocation");
    }

    @Test
    void aRootIsRequired() {
        assertThatThrownBy(() -> new DeliveryStorage(List.of())).hasMessageContaining("reelflow.delivery.storage-roots");
        assertThatThrownBy(() -> new DeliveryStorage(List.of(" "))).hasMessageContaining("reelflow.delivery.storage-roots");
    }
}
