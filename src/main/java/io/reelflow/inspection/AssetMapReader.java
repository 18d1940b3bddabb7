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
        if (!"AssetMap".equals(root.getLocalName()) || root.getNamespaceURI() == null
                || !NAMESPACE.matcher(root.getNamespaceURI()).matches()) {
            findings.add(Finding.of(FindingCode.NAMESPACE_UNSUPPORTED, displayName, root.getTagName(),
                    "expected an AssetMap in the SMPTE ST 429-9 namespace, found " + describe(root)));
        }
        List<AssetMap.Entry> entries = new ArrayList<>();
        Element list = SecureXml.child(root, "AssetList");
        if (list != null) {
            for (Element asset : SecureXml.children(list, "Asset")) {
                String id = SecureXml.childText(asset, "Id");
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

    static String describe(Element root) {
        return "<" + root.getLocalName() + "> in namespace "
                + (root.getNamespaceURI() == null ? "(none)" : root.getNamespaceURI());
    }
}
