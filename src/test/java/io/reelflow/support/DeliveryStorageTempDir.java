package io.reelflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * {@code @TempDir(factory = DeliveryStorageTempDir.class)}: a temporary folder on the delivery storage that the
 * tests configure ({@code reelflow.delivery.storage-roots: target/test-deliveries}), so that the service reads the
 * packages and files a test makes there. JUnit deletes it afterwards, as any temporary folder.
 */
public final class DeliveryStorageTempDir implements TempDirFactory {

    public static final Path ROOT = Path.of("target", "test-deliveries");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(ROOT), "junit").toAbsolutePath();
    }
}
