package io.reelflow.inspection;

/**
 * How much of a delivered XML file is read before it is refused: its size in bytes, how deeply its elements nest
 * and how many elements it has. Checked while streaming, before any document is built in memory, so a hostile file
 * costs at most one linear pass up to the limit.
 *
 * @param kind        what the file is, in the words of the findings ("ASSETMAP", "timed-text file", …)
 * @param maxBytes    largest file accepted
 * @param maxDepth    deepest element nesting accepted (the root is depth 1)
 * @param maxElements most elements accepted
 */
public record XmlLimits(String kind, long maxBytes, int maxDepth, long maxElements) {

    static final long MIB = 1024L * 1024L;

    /** An ASSETMAP lists every file of the package: a few elements per file. */
    public static final XmlLimits ASSETMAP = new XmlLimits("ASSETMAP", 16 * MIB, 32, 200_000);

    /** A packing list: a few elements per file, like the ASSETMAP. */
    public static final XmlLimits PACKING_LIST = new XmlLimits("packing list", 16 * MIB, 32, 200_000);

    /**
     * A composition playlist: segments × sequences × resources plus essence descriptors. A feature with a
     * thousand segments stays far below these figures; the element count also bounds the memory of the document.
     */
    public static final XmlLimits COMPOSITION_PLAYLIST =
            new XmlLimits("composition playlist", 64 * MIB, 64, 250_000);

    /**
     * A timed-text file is streamed, never held as a document, so it may be larger: a feature's subtitles are a
     * few MiB and a few thousand elements; image-free IMSC never approaches 100 MiB or two million elements.
     */
    public static final XmlLimits TIMED_TEXT = new XmlLimits("timed-text file", 100 * MIB, 64, 2_000_000);

    public XmlLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxElements < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
