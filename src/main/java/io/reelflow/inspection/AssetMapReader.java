package io.reelflow.inspection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** Reads ASSETMAP.xml. */
public final class AssetMapReader {

    /** ST 429-9 (all revisions) and the ST 2067-2 flavour. */
    static final Pattern NAMESPACE = Pattern.compile("http://www\\.smpte-ra\\.org/schemas/(429-9|2067-2)/\\d{4}(/AM)?");

    private AssetMapReader() {
    }

    /**
     * @param findings receives namespace and content problems; XML that cannot be parsed at all throws instead
     */
    public static AssetMap read(Path file, String displayName, List<Finding> findings) throws XmlProblem {
        Element root = SecureXml.parse(file, XmlLimits.ASSETMAP).getDocumentElement();
        SmpteSchemas.validate(file, displayName, SmpteSchemas.Kind.ASSETMAP, root.getNamespaceURI(), XmlLimits.ASSETMAP, findings);
        if (!"AssetMap".equals(root.getLocalName()) || root.getNamespaceURI() == null
                || !NAMESPACE.matcher(root.getNamespaceURI()).matches()) {
            findings.add(Finding.of(FindingCode.NAMESPACE_UNSUPPORTED, displayName, root.getTagName(),
                    "expected an AssetMap in the SMPTE ST 429-9 namespace, found " + describe(root)));
        }
        List<AssetMap.Entry> entries = new ArrayList<>();
        if (SecureXml.childText(root, "Id") == null) {
            findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "AssetMap",
                    "the ASSETMAP has no Id, which SMPTE ST 429-9 requires"));
        }
        String volumeCount = SecureXml.childText(root, "VolumeCount");
        if (volumeCount == null) {
            findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "VolumeCount",
                    "the ASSETMAP has no VolumeCount, which SMPTE ST 429-9 requires"));
        } else if (!"1".equals(volumeCount)) {
            findings.add(Finding.of(FindingCode.VOLUME_INDEX_INVALID, displayName, "VolumeCount",
                    "VolumeCount is " + Plain.quote(volumeCount) + "; an IMF package is one volume (VolumeCount 1, "
                            + "SMPTE ST 2067-2)"));
        }
        Element list = SecureXml.child(root, "AssetList");
        if (list != null) {
            for (Element asset : SecureXml.children(list, "Asset")) {
                String id = SecureXml.childText(asset, "Id");
                if (id == null) {
                    findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "Asset",
                            "an ASSETMAP asset has no Id" + pathHint(asset) + ", so nothing can refer to it"));
                    continue;
                }
                Element volumeChunks = SecureXml.child(asset, "ChunkList");
                if (volumeChunks != null) {
                    for (Element chunk : SecureXml.children(volumeChunks, "Chunk")) {
                        String index = SecureXml.childText(chunk, "VolumeIndex");
                        if (index != null && !"1".equals(index)) {
                            findings.add(Finding.of(FindingCode.VOLUME_INDEX_INVALID, displayName, "Asset " + id,
                                    "a chunk of asset " + id + " is on VolumeIndex " + Plain.quote(index)
                                            + "; the package has one volume, so every VolumeIndex is 1"));
                        }
                    }
                }
                boolean pkl = "true".equalsIgnoreCase(SecureXml.childText(asset, "PackingList"));
                String path = null;
                Element chunks = SecureXml.child(asset, "ChunkList");
                if (chunks != null) {
                    List<Element> chunkList = SecureXml.children(chunks, "Chunk");
                    if (!chunkList.isEmpty()) {
                        path = SecureXml.childText(chunkList.get(0), "Path");
                    }
                }
                entries.add(new AssetMap.Entry(id, path, pkl));
            }
        }
        return new AssetMap(SecureXml.childText(root, "Id"), entries);
    }

    private static String pathHint(Element asset) {
        Element path = SecureXml.descendants(asset, "Path").stream().findFirst().orElse(null);
        return path == null ? "" : " (path " + Plain.quote(path.getTextContent().trim()) + ")";
    }

    static String describe(Element root) {
        return "<" + root.getLocalName() + "> in namespace "
                + (root.getNamespaceURI() == null ? "(none)" : root.getNamespaceURI());
    }
}
