package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The audio rules of the IMF core constraints (SMPTE ST 2067-2) as a table, one column per revision, told apart by
 * the namespace of the CPL's ApplicationIdentification element (the core-constraints namespace), else by the CPL's
 * own namespace (ST 2067-3:2013 goes with ST 2067-2:2013, 2016 with 2016). Section numbers are those of
 * ST 2067-2:2016 as Netflix's Photon cites them; docs/inspection.md prints the table and says which cells were
 * confirmed.
 */
final class CoreConstraints {

    private CoreConstraints() {
    }

    enum Revision {
        R2013("ST 2067-2:2013", "http://www.smpte-ra.org/schemas/2067-2/2013"),
        R2016("ST 2067-2:2016", "http://www.smpte-ra.org/schemas/2067-2/2016"),
        R2020("ST 2067-2:2020", "http://www.smpte-ra.org/ns/2067-2/2020");

        final String title;
        final String namespace;

        Revision(String title, String namespace) {
            this.title = title;
            this.namespace = namespace;
        }
    }

    /** One audio rule and what it weighs under each revision (null: not a rule of that revision). */
    enum Rule {
        SAMPLE_RATE("audio sampled at 48 kHz or 96 kHz (§5.3.2.2)", FindingCode.AUDIO_FORMAT_NOT_ALLOWED,
                Severity.ERROR, Severity.ERROR, Severity.ERROR),
        BIT_DEPTH("24-bit PCM samples (§5.3.2.3)", FindingCode.AUDIO_FORMAT_NOT_ALLOWED,
                Severity.ERROR, Severity.ERROR, Severity.ERROR),
        CLIP_WRAPPED("WAVE audio clip-wrapped (§5.3.3, ST 382 clip-wrapping container label)",
                FindingCode.AUDIO_NOT_CLIP_WRAPPED, Severity.ERROR, Severity.ERROR, Severity.ERROR),
        MCA_LABELS("MCA labels (ST 377-4 soundfield group and channel labels) present (§5.3.6)",
                FindingCode.AUDIO_CHANNEL_LABELS_INVALID, Severity.WARNING, Severity.ERROR, Severity.ERROR),
        CHANNEL_ASSIGNMENT("ChannelAssignment names ST 377-4 MCA labelling (§5.3.4.2)",
                FindingCode.AUDIO_CHANNEL_ASSIGNMENT_INVALID, null, Severity.ERROR, Severity.ERROR),
        ONE_SOUNDFIELD_GROUP("exactly one soundfield group label per track file (§5.3.6.3)",
                FindingCode.AUDIO_CHANNEL_LABELS_INVALID, null, Severity.ERROR, Severity.ERROR),
        EVERY_CHANNEL_ID("one channel label for each MCAChannelID 1…ChannelCount (§5.3.6.2, §5.3.6.5)",
                FindingCode.AUDIO_CHANNEL_LABELS_INVALID, null, Severity.ERROR, Severity.ERROR),
        SOUNDFIELD_METADATA("MCATitle, MCATitleVersion, MCAAudioContentKind, MCAAudioElementKind on the soundfield "
                + "group (§5.3.6.5)", FindingCode.AUDIO_SOUNDFIELD_METADATA_MISSING, null, Severity.WARNING,
                Severity.WARNING);

        final String text;
        final FindingCode code;
        private final Severity[] severities;

        Rule(String text, FindingCode code, Severity s2013, Severity s2016, Severity s2020) {
            this.text = text;
            this.code = code;
            this.severities = new Severity[] {s2013, s2016, s2020};
        }

        Severity severity(Revision r) {
            return severities[r.ordinal()];
        }
    }

    /** ST 377-4 MCA as the WAVE descriptor's ChannelAssignment. */
    static final SmpteUl MCA_CHANNEL_ASSIGNMENT = SmpteUl.parse("urn:smpte:ul:060e2b34.0401010d.04020210.04010000")
            .orElseThrow();
    static final List<String> SOUNDFIELD_METADATA = List.of("MCATitle", "MCATitleVersion", "MCAAudioContentKind",
            "MCAAudioElementKind");

    /** The core-constraints revision the CPL declares; empty when neither its ApplicationIdentification nor its namespace tells. */
    static Optional<Revision> of(CompositionPlaylist cpl) {
        for (CompositionPlaylist.ApplicationId id : cpl.applicationIds()) {
            for (Revision r : Revision.values()) {
                if (r.namespace.equals(id.namespace())) {
                    return Optional.of(r);
                }
            }
        }
        if (cpl.namespace() != null) {
            if (cpl.namespace().endsWith("/2067-3/2013")) {
                return Optional.of(Revision.R2013);
            }
            if (cpl.namespace().endsWith("/2067-3/2016")) {
                return Optional.of(Revision.R2016);
            }
        }
        return Optional.empty();
    }

    /** The rules of the revision on one main audio descriptor of the CPL (WAVE PCM only; IAB has its own). */
    static void checkAudio(Revision revision, CompositionPlaylist.EssenceDescriptor d, String file, String element,
                           List<Finding> out) {
        if (d.kind() == null || !d.kind().contains("PCM")) {
            return;
        }
        Rational rate = CompositionPlaylistReader.parseRate(d.property("AudioSampleRate"));
        if (rate != null && !App2e.AUDIO_SAMPLE_RATES.contains(rate)) {
            add(revision, Rule.SAMPLE_RATE, file, element, "the audio is sampled at " + rate + " Hz", out);
        }
        String bits = d.property("QuantizationBits");
        if (bits != null && !bits.trim().equals("24")) {
            add(revision, Rule.BIT_DEPTH, file, element, "the audio has " + bits.trim() + "-bit samples", out);
        }
        String container = d.property("ContainerFormat");
        Optional<SmpteUl> containerUl = SmpteUl.parse(container);
        if (containerUl.isPresent() && isWaveContainer(containerUl.get()) && !isClipWrapped(containerUl.get())) {
            add(revision, Rule.CLIP_WRAPPED, file, element, "the audio essence is frame-wrapped (ContainerFormat "
                    + container.trim() + ")", out);
        }
        Element body = d.element();
        List<Element> groups = body == null ? List.of()
                : SecureXml.descendants(body, "SoundfieldGroupLabelSubDescriptor");
        List<Element> channels = body == null ? List.of()
                : SecureXml.descendants(body, "AudioChannelLabelSubDescriptor");
        if (groups.isEmpty() && channels.isEmpty()) {
            return; // the missing labels themselves are AUDIO_CHANNEL_LABELS_INVALID, weighed by the same table
        }
        String assignment = d.property("ChannelAssignment");
        Optional<SmpteUl> assignmentUl = SmpteUl.parse(assignment);
        if (assignmentUl.isEmpty() || !assignmentUl.get().sameLabelAs(MCA_CHANNEL_ASSIGNMENT)) {
            add(revision, Rule.CHANNEL_ASSIGNMENT, file, element, "the WAVE descriptor's ChannelAssignment is "
                    + (assignment == null ? "missing" : Plain.quote(assignment)) + ", not the ST 377-4 MCA label "
                    + MCA_CHANNEL_ASSIGNMENT, out);
        }
        if (groups.size() > 1) { // none at all is told as channel labels without a group
            add(revision, Rule.ONE_SOUNDFIELD_GROUP, file, element, "the audio has " + groups.size()
                    + " soundfield group labels", out);
        }
        Long count = number(d.property("ChannelCount"));
        // a wrong number of labels is told as such; here: the right number, but not one for each channel
        if (count != null && count > 0 && count <= 64 && channels.size() == count) {
            Set<Long> ids = new LinkedHashSet<>();
            for (Element c : channels) {
                Long id = number(SecureXml.childText(c, "MCAChannelID"));
                if (id != null) {
                    ids.add(id);
                }
            }
            List<Long> missing = new ArrayList<>();
            for (long i = 1; i <= count; i++) {
                if (!ids.contains(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                add(revision, Rule.EVERY_CHANNEL_ID, file, element, "no channel label carries MCAChannelID "
                        + missing + " of the " + count + " channels", out);
            }
        }
        if (groups.size() == 1) {
            List<String> absent = SOUNDFIELD_METADATA.stream()
                    .filter(p -> SecureXml.childText(groups.get(0), p) == null).toList();
            if (!absent.isEmpty()) {
                add(revision, Rule.SOUNDFIELD_METADATA, file, element, "the soundfield group label lacks "
                        + String.join(", ", absent), out);
            }
        }
    }

    private static void add(Revision revision, Rule rule, String file, String element, String what,
                            List<Finding> out) {
        Severity severity = rule.severity(revision);
        if (severity == null) {
            return;
        }
        out.add(new Finding(rule.code, severity, file, element, what + "; the core constraints of " + revision.title
                + " require " + rule.text));
    }

    /** ST 382 WAVE in the MXF generic container: 06.0e.2b.34.04.01.01.xx.0d.01.03.01.02.06.ww.00. */
    static boolean isWaveContainer(SmpteUl ul) {
        String hex = hex(ul);
        return hex.startsWith("060e2b34040101") && hex.startsWith("0d0103010206", 16);
    }

    /** Byte 15 of the WAVE container label: 01 frame-wrapped, 02 clip-wrapped. */
    static boolean isClipWrapped(SmpteUl ul) {
        return hex(ul).startsWith("02", 28);
    }

    private static String hex(SmpteUl ul) {
        return ul.toString().substring("urn:smpte:ul:".length()).replace(".", "");
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
