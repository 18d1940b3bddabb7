package io.reelflow.inspection;

import java.util.List;
import java.util.Optional;

/**
 * An ASSETMAP (SMPTE ST 429-9): which file in the package holds which asset id.
 *
 * @param id      the asset map's own id
 * @param entries one per asset, in document order
 */
public record AssetMap(String id, List<Entry> entries) {

    /**
     * @param id          asset id (urn:uuid:…)
     * @param path        path of the (first) chunk, relative to the package root, as written
     * @param packingList whether the asset is flagged as a packing list
     */
    public record Entry(String id, String path, boolean packingList) {
    }

    public Optional<Entry> entry(String assetId) {
        String wanted = UrnIds.normalize(assetId);
        return entries.stream().filter(e -> wanted.equals(UrnIds.normalize(e.id()))).findFirst();
    }
}
