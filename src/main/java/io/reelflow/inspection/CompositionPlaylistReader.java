package io.reelflow.inspection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** Reads a composition playlist of any ST 2067-3 revision (2013, 2016, 2020, …). */
public final class CompositionPlaylistReader {

    static final Pattern NAMESPACE = Pattern.compile("http://www\\.smpte-ra\\.org/schemas/2067-3/\\d{4}");

    private CompositionPlaylistReader() {
    }

    /** Whether the file's root element is a CompositionPlaylist (used to find CPLs among a package's XML files). */
    static boolean isCompositionPlaylist(Path file) {
        return "CompositionPlaylist".equals(SecureXml.rootElementName(file, XmlLimits.COMPOSITION_PLAYLIST));
    }

    public static CompositionPlaylist read(Path file, String displayName, List<Finding> findings) throws XmlProblem {
        Element root = SecureXml.parse(file, XmlLimits.COMPOSITION_PLAYLIST).getDocumentElement();
        SmpteSchemas.validate(file, displayName, SmpteSchemas.Kind.COMPOSITION_PLAYLIST, root.getNamespaceURI(), XmlLimits.COMPOSITION_PLAYLIST, findings);
        if (!"CompositionPlaylist".equals(root.getLocalName()) || root.getNamespaceURI() == null
                || !NAMESPACE.matcher(root.getNamespaceURI()).matches()) {
            findings.add(Finding.of(FindingCode.NAMESPACE_UNSUPPORTED, displayName, root.getTagName(),
                    "expected a CompositionPlaylist in a SMPTE ST 2067-3 namespace, found "
                            + AssetMapReader.describe(root)));
        }
        for (String required : List.of("Id", "ContentTitle", "SegmentList")) {
            if (SecureXml.child(root, required) == null || (!"SegmentList".equals(required)
                    && SecureXml.childText(root, required) == null)) {
                findings.add(Finding.of(FindingCode.REQUIRED_ELEMENT_MISSING, displayName, required,
                        "the composition playlist has no " + required + ", which SMPTE ST 2067-3 requires"));
            }
        }
        String editRateText = SecureXml.childText(root, "EditRate");
        Rational editRate = parseRate(editRateText);

        Map<String, CompositionPlaylist.EssenceDescriptor> descriptors = new LinkedHashMap<>();
        Element descriptorList = SecureXml.child(root, "EssenceDescriptorList");
        if (descriptorList != null) {
            for (Element d : SecureXml.children(descriptorList, "EssenceDescriptor")) {
                String id = SecureXml.childText(d, "Id");
                Element body = null;
                for (Element c : SecureXml.childElements(d)) {
                    if (!"Id".equals(c.getLocalName())) {
                        body = c;
                        break;
                    }
                }
                if (id != null) {
                    descriptors.put(UrnIds.normalize(id), new CompositionPlaylist.EssenceDescriptor(id, body));
                }
            }
        }

        List<CompositionPlaylist.Segment> segments = new ArrayList<>();
        Element segmentList = SecureXml.child(root, "SegmentList");
        if (segmentList != null) {
            for (Element segment : SecureXml.children(segmentList, "Segment")) {
                List<CompositionPlaylist.Sequence> sequences = new ArrayList<>();
                Element sequenceList = SecureXml.child(segment, "SequenceList");
                if (sequenceList != null) {
                    for (Element sequence : SecureXml.childElements(sequenceList)) {
                        sequences.add(readSequence(sequence, displayName, findings));
                    }
                }
                segments.add(new CompositionPlaylist.Segment(SecureXml.childText(segment, "Id"), sequences));
            }
        }
        List<CompositionPlaylist.ApplicationId> applicationIds = new ArrayList<>();
        Element extension = SecureXml.child(root, "ExtensionProperties");
        if (extension != null) {
            for (Element a : SecureXml.children(extension, "ApplicationIdentification")) {
                for (String uri : a.getTextContent().trim().split("\\s+")) {
                    if (!uri.isEmpty()) {
                        applicationIds.add(new CompositionPlaylist.ApplicationId(uri, a.getNamespaceURI()));
                    }
                }
            }
        }
        return new CompositionPlaylist(SecureXml.childText(root, "Id"), displayName, root.getNamespaceURI(),
                editRateText, editRate, descriptors, segments, List.copyOf(applicationIds));
    }

    private static CompositionPlaylist.Sequence readSequence(Element sequence, String file, List<Finding> findings) {
        List<CompositionPlaylist.Resource> resources = new ArrayList<>();
        Element resourceList = SecureXml.child(sequence, "ResourceList");
        if (resourceList != null) {
            for (Element r : SecureXml.children(resourceList, "Resource")) {
                String id = SecureXml.childText(r, "Id");
                String rateText = SecureXml.childText(r, "EditRate");
                resources.add(new CompositionPlaylist.Resource(id, rateText, parseRate(rateText),
                        number(r, "IntrinsicDuration", id, file, findings),
                        number(r, "EntryPoint", id, file, findings),
                        number(r, "SourceDuration", id, file, findings),
                        number(r, "RepeatCount", id, file, findings),
                        SecureXml.childText(r, "SourceEncoding"),
                        SecureXml.childText(r, "TrackFileId"),
                        SecureXml.childText(r, "Hash")));
            }
        }
        return new CompositionPlaylist.Sequence(sequence.getLocalName(), sequence.getNamespaceURI(),
                SecureXml.childText(sequence, "TrackId"), resources);
    }

    private static Long number(Element resource, String name, String id, String file, List<Finding> findings) {
        String text = SecureXml.childText(resource, name);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            findings.add(Finding.of(FindingCode.RESOURCE_DURATION_INVALID, file, "Resource " + id,
                    name + " " + Plain.quote(text) + " is not a non-negative whole number"));
            return null;
        }
    }

    static Rational parseRate(String text) {
        if (text == null) {
            return null;
        }
        try {
            Rational r = Rational.parse(text);
            return r.signum() > 0 ? r : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
