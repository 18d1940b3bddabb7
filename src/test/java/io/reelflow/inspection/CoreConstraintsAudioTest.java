package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio rules of the IMF core constraints, told apart by revision (the ApplicationIdentification element's
 * namespace, else the CPL's): the real HTJ2K sample's CPL (ST 2067-2:2020) with one audio property changed, read as
 * it is and as if it declared ST 2067-2:2013 or 2016.
 */
class CoreConstraintsAudioTest {

    static final String CC_2020 = "xmlns=\"http://www.smpte-ra.org/ns/2067-2/2020\"";
    static final String CC_2016 = "xmlns=\"http://www.smpte-ra.org/schemas/2067-2/2016\"";
    static final String CC_2013 = "xmlns=\"http://www.smpte-ra.org/schemas/2067-2/2013\"";

    @TempDir
    Path temp;

    List<Finding> audio(String coreConstraints, UnaryOperator<String> edit) throws IOException {
        Path source = Samples.require("complete-hd-htj2k").resolve(SmpteSchemaValidationTest.CPL);
        String xml = Files.readString(source);
        assertThat(xml).contains(CC_2020);
        String edited = edit.apply(xml.replace("<ApplicationIdentification " + CC_2020,
                "<ApplicationIdentification " + coreConstraints));
        Path cpl = temp.resolve(Math.abs(edited.hashCode()) + ".xml");
        Files.writeString(cpl, edited);
        return new ImfPackageInspector(1, null).inspectCompositionPlaylist(cpl, null).findings().stream()
                .filter(f -> f.code().name().startsWith("AUDIO_")).toList();
    }

    @Test
    void theSampleMeetsEveryRevision() throws IOException {
        for (String cc : List.of(CC_2013, CC_2016, CC_2020)) {
            assertThat(audio(cc, x -> x)).as(cc).isEmpty();
        }
    }

    @Test
    void channelAssignmentMustNameMcaFrom2016() throws IOException {
        UnaryOperator<String> noAssignment = x -> x.replaceFirst("<r1:ChannelAssignment>[^<]*</r1:ChannelAssignment>",
                "<r1:ChannelAssignment>urn:smpte:ul:060e2b34.04010101.04020210.03000000</r1:ChannelAssignment>");
        List<Finding> f2020 = audio(CC_2020, noAssignment);
        assertThat(f2020).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.AUDIO_CHANNEL_ASSIGNMENT_INVALID,
                        Severity.ERROR));
        assertThat(f2020.get(0).message()).contains("the core constraints of ST 2067-2:2020 require ChannelAssignment "
                + "names ST 377-4 MCA labelling");
        assertThat(audio(CC_2016, noAssignment)).extracting(Finding::code)
                .containsExactly(FindingCode.AUDIO_CHANNEL_ASSIGNMENT_INVALID);
        assertThat(audio(CC_2013, noAssignment)).isEmpty();
    }

    @Test
    void mcaLabelsAreRequiredFrom2016AndAdvisedIn2013() throws IOException {
        UnaryOperator<String> unlabelled = x -> x.replaceFirst(
                "(?s)(<r0:WAVEPCMDescriptor>.*?)<r1:SubDescriptors>.*?</r1:SubDescriptors>", "$1");
        assertThat(audio(CC_2020, unlabelled)).extracting(Finding::code, Finding::severity)
                .contains(org.assertj.core.groups.Tuple.tuple(FindingCode.AUDIO_CHANNEL_LABELS_INVALID, Severity.ERROR));
        // the language travelled in the soundfield group, so it is missing too (a warning of its own)
        assertThat(audio(CC_2013, unlabelled)).extracting(Finding::code, Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(FindingCode.AUDIO_CHANNEL_LABELS_INVALID, Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple(FindingCode.AUDIO_LANGUAGE_MISSING, Severity.WARNING));
    }

    @Test
    void everyChannelNeedsItsOwnChannelId() throws IOException {
        UnaryOperator<String> twice = x -> x.replace("<r1:MCAChannelID>2</r1:MCAChannelID>",
                "<r1:MCAChannelID>1</r1:MCAChannelID>");
        List<Finding> f = audio(CC_2020, twice);
        assertThat(f).extracting(Finding::code).containsExactly(FindingCode.AUDIO_CHANNEL_LABELS_INVALID);
        assertThat(f.get(0).message()).startsWith("no channel label carries MCAChannelID [2] of the 2 channels");
        assertThat(audio(CC_2013, twice)).isEmpty();
    }

    @Test
    void soundfieldGroupMetadataIsAWarningFrom2016() throws IOException {
        UnaryOperator<String> bare = x -> x.replaceFirst("<r1:MCATitle>[^<]*</r1:MCATitle>", "")
                .replaceFirst("<r1:MCAAudioContentKind>[^<]*</r1:MCAAudioContentKind>", "");
        List<Finding> f = audio(CC_2016, bare);
        assertThat(f).extracting(Finding::code, Finding::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FindingCode.AUDIO_SOUNDFIELD_METADATA_MISSING, Severity.WARNING));
        assertThat(f.get(0).message()).startsWith("the soundfield group label lacks MCATitle, MCAAudioContentKind");
        assertThat(audio(CC_2013, bare)).isEmpty();
    }

    @Test
    void frameWrappedWaveIsRefusedUnderEveryRevision() throws IOException {
        UnaryOperator<String> frameWrapped = x -> x.replace("060e2b34.04010101.0d010301.02060200",
                "060e2b34.04010101.0d010301.02060100");
        for (String cc : List.of(CC_2013, CC_2016, CC_2020)) {
            assertThat(audio(cc, frameWrapped)).as(cc).extracting(Finding::code)
                    .containsExactly(FindingCode.AUDIO_NOT_CLIP_WRAPPED);
        }
    }

    @Test
    void sampleRateAndDepthAreTheSameRuleInEveryRevision() throws IOException {
        for (String cc : List.of(CC_2013, CC_2016, CC_2020)) {
            assertThat(audio(cc, x -> x.replace("<r1:AudioSampleRate>48000/1<", "<r1:AudioSampleRate>44100/1<")
                    .replace("<r1:QuantizationBits>24<", "<r1:QuantizationBits>16<")))
                    .as(cc).extracting(Finding::code)
                    .containsExactly(FindingCode.AUDIO_FORMAT_NOT_ALLOWED, FindingCode.AUDIO_FORMAT_NOT_ALLOWED);
        }
    }

    @Test
    void theRevisionComesFromTheApplicationIdentificationElseTheCplNamespace() throws IOException {
        Path source = Samples.require("complete-hd-htj2k").resolve(SmpteSchemaValidationTest.CPL);
        String xml = Files.readString(source);
        List<Finding> findings = new java.util.ArrayList<>();
        Path p = temp.resolve("noapp.xml");
        Files.writeString(p, xml.replaceAll("<ApplicationIdentification[^>]*>[^<]*</ApplicationIdentification>", ""));
        assertThat(CoreConstraints.of(read(p, findings))).contains(CoreConstraints.Revision.R2016);
        Files.writeString(p, xml);
        assertThat(CoreConstraints.of(read(p, findings))).contains(CoreConstraints.Revision.R2020);
        Files.writeString(p, xml.replace(CC_2020, CC_2013));
        assertThat(CoreConstraints.of(read(p, findings))).contains(CoreConstraints.Revision.R2013);
    }

    private static CompositionPlaylist read(Path p, List<Finding> findings) {
        try {
            return CompositionPlaylistReader.read(p, "cpl.xml", findings);
        } catch (XmlProblem e) {
            throw new AssertionError(e);
        }
    }
}
