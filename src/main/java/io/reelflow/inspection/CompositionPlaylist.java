package io.reelflow.inspection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A composition playlist (SMPTE ST 2067-3), reduced to what the inspection needs.
 *
 * @param id           CPL id
 * @param file         file name for findings
 * @param namespace    the root element's namespace
 * @param editRateText the composition EditRate as written (null when absent)
 * @param editRate     the composition EditRate, or null when absent or invalid
 * @param descriptors  EssenceDescriptorList entries by normalized id
 * @param segments     in playback order
 * @param applicationIds every ApplicationIdentification (one per whitespace-separated URI)
 */
public record CompositionPlaylist(String id, String file, String namespace, String editRateText, Rational editRate,
                                  Map<String, EssenceDescriptor> descriptors, List<Segment> segments,
                                  List<ApplicationId> applicationIds) {

    /**
     * An ApplicationIdentification of the ExtensionProperties.
     *
     * @param value     the application's URI, e.g. "http://www.smpte-ra.org/ns/2067-21/2021"
     * @param namespace the element's namespace, which names the core constraints (ST 2067-2) revision
     */
    public record ApplicationId(String value, String namespace) {
    }

    public static final String MAIN_IMAGE = "MainImageSequence";
    public static final String MAIN_AUDIO = "MainAudioSequence";
    public static final String IAB = "IABSequence";
    public static final String MARKER = "MarkerSequence";

    /**
     * One EssenceDescriptor. {@code element} is the descriptor itself (RGBADescriptor, CDCIDescriptor,
     * WAVEPCMDescriptor, …), whose properties are read by local name.
     */
    public record EssenceDescriptor(String id, Element element) {

        /** e.g. "RGBADescriptor"; null when the EssenceDescriptor element is empty. */
        public String kind() {
            return element == null ? null : element.getLocalName();
        }

        /** Text of a direct property such as "StoredWidth", or null. */
        public String property(String localName) {
            return element == null ? null : SecureXml.childText(element, localName);
        }

        /** Whether a direct property element is present (even when empty or structured). */
        public boolean hasProperty(String localName) {
            return element != null && SecureXml.child(element, localName) != null;
        }

        /** Texts of every descendant element with this local name (e.g. language tags in sub-descriptors). */
        public List<String> descendantTexts(String localName) {
            return element == null ? List.of() : SecureXml.descendants(element, localName).stream()
                    .map(e -> e.getTextContent().trim()).filter(t -> !t.isEmpty()).toList();
        }
    }

    public record Segment(String id, List<Sequence> sequences) {
    }

    /**
     * @param kind      the sequence element's local name, e.g. "MainAudioSequence"
     * @param namespace its namespace
     * @param trackId   the virtual track it belongs to
     */
    public record Sequence(String kind, String namespace, String trackId, List<Resource> resources) {
    }

    /**
     * A resource of a sequence; durations are in edit units of {@link #effectiveEditRate}.
     *
     * @param editRate null when absent (the composition's applies) or invalid (see editRateText)
     */
    public record Resource(String id, String editRateText, Rational editRate, Long intrinsicDuration, Long entryPoint,
                           Long sourceDuration, Long repeatCount, String sourceEncoding, String trackFileId,
                           String hash) {

        public Rational effectiveEditRate(Rational compositionEditRate) {
            return editRateText == null ? compositionEditRate : editRate;
        }

        /**
         * Edit units played: SourceDuration (or IntrinsicDuration − EntryPoint when absent) × RepeatCount; null when
         * it cannot be known.
         */
        public Long playedEditUnits() {
            long repeat = repeatCount == null ? 1 : repeatCount;
            if (sourceDuration != null) {
                return sourceDuration * repeat;
            }
            if (intrinsicDuration == null) {
                return null;
            }
            return (intrinsicDuration - (entryPoint == null ? 0 : entryPoint)) * repeat;
        }
    }

    /** Every sequence of the kind, across segments, in playback order. */
    public List<Sequence> sequences(String kind) {
        return segments.stream().flatMap(s -> s.sequences().stream()).filter(q -> kind.equals(q.kind())).toList();
    }

    /** Distinct virtual track ids of sequences of the kind, in order of first appearance. */
    public Set<String> trackIds(String kind) {
        Set<String> ids = new LinkedHashSet<>();
        sequences(kind).forEach(q -> ids.add(UrnIds.normalize(q.trackId())));
        return ids;
    }

    public EssenceDescriptor descriptor(String sourceEncoding) {
        return sourceEncoding == null ? null : descriptors.get(UrnIds.normalize(sourceEncoding));
    }
}
