package io.reelflow.inspection;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real IMF samples in ../shared/imf-samples (relative to the project root, the tests' working directory).
 * They are read in place; tests that change them work on copies in a @TempDir.
 */
final class Samples {

    static final Path ROOT = Path.of("..", "shared", "imf-samples");

    private Samples() {
    }

    /** Skips the calling test, with the reason, when the samples are not beside the project (a fresh clone). */
    static Path require(String relative) {
        Path p = ROOT.resolve(relative);
        assumeTrue(Files.exists(p), "IMF samples not found at " + p.toAbsolutePath().normalize()
                + " (cwd " + Path.of("").toAbsolutePath() + "); they live in ../shared/imf-samples beside the "
                + "project, which a fresh clone does not have");
        return p;
    }

    /** Copies a sample package into {@code target} and makes the copies writable (the samples are read-only). */
    static Path copyPackage(String name, Path target) throws IOException {
        Path source = require(name);
        Path dest = target.resolve(name);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = dest.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                    to.toFile().setWritable(true);
                }
            }
        }
        return dest;
    }

    /**
     * After a test edits a file of a package on purpose, rewrites its Size and Hash in the packing list and its
     * Length in the ASSETMAP, so that only the edit itself is under test.
     */
    static void repack(Path dir, String fileName, String assetId) throws IOException {
        Path file = dir.resolve(fileName);
        String hash = StreamingSha1.base64(file);
        long size = Files.size(file);
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("PKL")) {
                    String xml = Files.readString(p);
                    xml = replaceInAsset(xml, assetId, "Hash", hash);
                    xml = replaceInAsset(xml, assetId, "Size", Long.toString(size));
                    Files.writeString(p, xml);
                } else if (name.equals("ASSETMAP.xml")) {
                    Files.writeString(p, replaceInAsset(Files.readString(p), assetId, "Length", Long.toString(size)));
                }
            }
        }
    }

    private static String replaceInAsset(String xml, String assetId, String element, String value) {
        Matcher asset = Pattern.compile("<Asset>\\s*<Id>" + Pattern.quote(assetId) + "</Id>.*?</Asset>",
                Pattern.DOTALL).matcher(xml);
        if (!asset.find()) {
            return xml;
        }
        String block = asset.group().replaceAll("<" + element + ">[^<]*</" + element + ">",
                "<" + element + ">" + Matcher.quoteReplacement(value) + "</" + element + ">");
        return xml.substring(0, asset.start()) + block + xml.substring(asset.end());
    }
}
