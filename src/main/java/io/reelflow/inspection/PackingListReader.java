package io.reelflow.inspection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** Reads a packing list (PKL). */
public final class PackingListReader {

    /** ST 429-8 and ST 2067-2:2016 and later. */
    static final Pattern NAMESPACE = Pattern.compile("http://www\\.smpte-ra\\.org/schemas/(429-8|2067-2)/\\d{4}/PKL");

    private PackingListReader() {
    }

    public static PackingList read(Path file, String displayName, List<Finding> findings) throws XmlProblem {
        Element root = SecureXml.parse(file, XmlLimits.PACKING_LIST).getDocumentElement();
        SmpteSchemas.validate(file, displayName, SmpteSchemas.Kind.PACKING_LIST, root.getNamespaceURI(), XmlLimits.PACKING_LIST, findings);
        if (!"PackingList".equals(root.getLocalName()) || root.getNamespaceURI() == null
                || !NAMESPACE.matcher(root.getNamespaceURI()).matches()) {
            findings.add(Finding.of(FindingCode.NAMESPACE_UNSUPPORTED, displayName, root.getTagName(),
                    "expected a PackingList in the SMPTE ST 429-8 or ST 2067-2 namespace, found "
                            + AssetMapReader.describe(root)));
        }
        List<PackingList.Asset> assets = new ArrayList<>();
        if (SecureXml.childText(root, "Id") == null) {
            findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "PackingList",
                    "the packing list has no Id, which its SMPTE schema requires"));
        }
        // ST 2067-2:2016 and later PKLs name the digest of every asset; ST 429-8 PKLs imply SHA-1
        boolean hashAlgorithmRequired = root.getNamespaceURI() != null && root.getNamespaceURI().contains("2067-2");
        Element list = SecureXml.child(root, "AssetList");
        if (list != null) {
            for (Element asset : SecureXml.children(list, "Asset")) {
                String id = SecureXml.childText(asset, "Id");
                String assetName = SecureXml.childText(asset, "OriginalFileName");
                if (id == null) {
                    findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "Asset",
                            "a packing-list asset" + (assetName == null ? "" : " (" + assetName + ")")
                                    + " has no Id, so it cannot be located or verified"));
                    continue;
                }
                for (String required : List.of("Size", "Type")) {
                    if (SecureXml.child(asset, required) == null) {
                        findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "Asset " + id,
                                "packing-list asset " + id + " has no " + required + ", which its schema requires"));
                    }
                }
                if (hashAlgorithmRequired && SecureXml.child(asset, "HashAlgorithm") == null) {
                    findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, "Asset " + id,
                            "packing-list asset " + id + " has no HashAlgorithm, which SMPTE ST 2067-2 requires; "
                                    + "its Hash was read as SHA-1"));
                }
                String sizeText = SecureXml.childText(asset, "Size");
                Long size = null;
                try {
                    size = sizeText == null ? null : Long.valueOf(sizeText);
                } catch (NumberFormatException e) {
                    findings.add(Finding.of(FindingCode.ASSET_SIZE_MISMATCH, displayName, "Asset " + id,
                            "the packing list gives the size " + Plain.quote(sizeText) + ", which is not a whole number of bytes"));
                }
                Element algorithm = SecureXml.child(asset, "HashAlgorithm");
                String algorithmUri = algorithm == null ? PackingList.SHA1 : algorithm.getAttribute("Algorithm").trim();
                assets.add(new PackingList.Asset(id, SecureXml.childText(asset, "Hash"), size,
                        SecureXml.childText(asset, "Type"), SecureXml.childText(asset, "OriginalFileName"),
                        algorithmUri));
            }
        }
        return new PackingList(SecureXml.childText(root, "Id"), displayName, assets);
    }
}
