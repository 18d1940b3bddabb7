package io.reelflow.inspection;

import java.util.List;
import java.util.Optional;

/**
 * A packing list (SMPTE ST 429-8 / ST 2067-2): every asset of the delivery with its size and hash.
 *
 * @param id     the packing list's id
 * @param file   the packing list's file name, relative to the package
 * @param assets in document order
 */
public record PackingList(String id, String file, List<Asset> assets) {

    /** The W3C identifier of SHA-1, the only digest ST 2067-2 packing lists use. */
    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

    /**
     * @param hash          base64 digest as written, or null
     * @param size          bytes, or null when absent or not a number
     * @param hashAlgorithm algorithm URI; SHA-1 when the element is absent (ST 429-8)
     */
    public record Asset(String id, String hash, Long size, String type, String originalFileName, String hashAlgorithm) {
    }

    public Optional<Asset> asset(String assetId) {
        String wanted = UrnIds.normalize(assetId);
        return assets.stream().filter(a -> wanted.equals(UrnIds.normalize(a.id()))).findFirst();
    }
}
