package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The delivery storage: the folders ({@code reelflow.delivery.storage-roots}) where post houses and vendors drop
 * packages and files. Nothing outside them is ever read. A location is taken only when it is absolute, has no
 * {@code ..}, and its real path (symbolic links resolved) lies under the real path of a root. A missing location
 * and a forbidden one get the same answer, so the answer tells nothing about what exists outside the storage.
 */
@Component
public class DeliveryStorage {

    static final String REFUSED = "is not a file or folder on the delivery storage (an absolute path under one of the "
            + "folders in reelflow.delivery.storage-roots, without '..')";

    private final List<Path> roots;

    public DeliveryStorage(@Value("${reelflow.delivery.storage-roots}") List<String> roots) {
        if (roots == null || roots.isEmpty()) throw new IllegalStateException("reelflow.delivery.storage-roots: at least one folder is required");
        List<Path> real = new ArrayList<>();
        for (String root : roots) {
            if (root == null || root.isBlank()) continue;
            try {
                Path dir = Files.createDirectories(Path.of(root.strip()).toAbsolutePath());
                real.add(dir.toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException("reelflow.delivery.storage-roots: cannot use " + root, e);
            }
        }
        if (real.isEmpty()) throw new IllegalStateException("reelflow.delivery.storage-roots: at least one folder is required");
        this.roots = List.copyOf(real);
    }

    /** The real paths of the roots, in the order configured. */
    public List<Path> roots() {
        return roots;
    }

    /** The real path of a location on the storage, or empty when it is missing, unreadable or outside every root. */
    public Optional<Path> resolve(String location) {
        if (location == null || location.isBlank() || location.length() > 1000 || location.indexOf('\0') >= 0) return Optional.empty();
        Path given;
        try {
            given = Path.of(location.strip());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!given.isAbsolute()) return Optional.empty();
        for (Path part : given) {
            if (part.toString().equals("..")) return Optional.empty();
        }
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        for (Path root : roots) {
            if (real.startsWith(root)) return Optional.of(real);
        }
        return Optional.empty();
    }

    /** The real path of a location given in {@code field}, or a 400 naming that field. */
    public Path require(String field, String location) {
        return resolve(location).orElseThrow(() -> new InvalidInputException(field, REFUSED));
    }
}
