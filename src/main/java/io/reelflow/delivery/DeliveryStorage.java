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
        Located l = locate(location);
        return l.problem() == null ? Optional.of(l.path()) : Optional.empty();
    }

    /** Why a location cannot be used, in words a person acts on; empty when it can. */
    public Optional<String> problem(String location) {
        return Optional.ofNullable(locate(location).problem());
    }

    /** The real path of a location given in {@code field}, or a 400 naming that field and the reason. */
    public Path require(String field, String location) {
        Located l = locate(location);
        if (l.problem() != null) throw new InvalidInputException(field, l.problem());
        return l.path();
    }

    private record Located(Path path, String problem) {
    }

    private Located locate(String location) {
        if (location == null || location.isBlank()) return new Located(null, "required: " + REFUSED);
        if (location.length() > 1000 || location.indexOf('\0') >= 0) return new Located(null, REFUSED);
        String shown = "'" + (location.length() > 120 ? location.substring(0, 120) + "…" : location.strip()) + "'";
        Path given;
        try {
            given = Path.of(location.strip());
        } catch (InvalidPathException e) {
            return new Located(null, shown + " " + REFUSED);
        }
        if (!given.isAbsolute()) return new Located(null, shown + " is not an absolute path: " + REFUSED);
        for (Path part : given) {
            if (part.toString().equals("..")) return new Located(null, shown + " contains '..': " + REFUSED);
        }
        // outside every root, said without looking at the file system: the answer tells nothing about what exists there
        Path normal = given.normalize();
        boolean under = false;
        for (Path root : roots) {
            if (normal.startsWith(root)) under = true;
        }
        if (!under) return new Located(null, shown + " is outside the delivery storage " + roots);
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException | SecurityException e) {
            return new Located(null, shown + " does not exist on the delivery storage (check the path for a typo)");
        }
        boolean inside = false;
        for (Path root : roots) {
            if (real.startsWith(root)) inside = true;
        }
        // a link that leads out of the storage is answered as a missing file: what lies beyond is not told
        if (!inside) return new Located(null, shown + " does not exist on the delivery storage (check the path for a typo)");
        if (!Files.isReadable(real) || (Files.isDirectory(real) && !Files.isExecutable(real))) {
            return new Located(null, shown + " cannot be read by the service (check its permissions)");
        }
        return new Located(real, null);
    }
}
