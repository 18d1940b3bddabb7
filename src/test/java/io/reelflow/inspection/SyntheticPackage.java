package io.reelflow.inspection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small but complete IMP (ASSETMAP, PKL with real sizes and hashes, CPL, stand-in track files) so that
 * package checks can be tested without the shared samples. Every setter returns this; {@link #writeTo} builds it.
 */
final class SyntheticPackage {

    static final String VIDEO_ID = "urn:uuid:11111111-1111-4111-8111-111111111111";
    static final String AUDIO_ID = "urn:uuid:22222222-2222-4222-8222-222222222222";
    static final String IAB_ID = "urn:uuid:33333333-3333-4333-8333-333333333333";
    static final String CPL_ID = "urn:uuid:44444444-4444-4444-8444-444444444444";
    static final String PKL_ID = "urn:uuid:55555555-5555-4555-8555-555555555555";

    static final String BT709_PRIMARIES = "urn:smpte:ul:060e2b34.04010106.04010101.03030000";
    static final String BT709_TRANSFER = "urn:smpte:ul:060e2b34.04010101.04010101.01020000";
    static final String BT2020_PRIMARIES = "urn:smpte:ul:060e2b34.0401010d.04010101.03040000";
    static final String PQ_TRANSFER = "urn:smpte:ul:060e2b34.0401010d.04010101.010a0000";
    /** The CPL's RegXML form of a PHDR metadata track sub-descriptor, for pictureExtra. */
    static final String PHDR_IN_CPL = """
            <r1:SubDescriptors><r0:PHDRMetadataTrackSubDescriptor>
              <r1:InstanceID>urn:uuid:99999999-9999-4999-8999-999999999999</r1:InstanceID>
            </r0:PHDRMetadataTrackSubDescriptor></r1:SubDescriptors>""";
    static final String MASTERING = """
            <r1:MasteringDisplayPrimaries>8500 39850 6550 2300 35400 14600</r1:MasteringDisplayPrimaries>
            <r1:MasteringDisplayWhitePointChromaticity>15635 16450</r1:MasteringDisplayWhitePointChromaticity>
            <r1:MasteringDisplayMaximumLuminance>10000000</r1:MasteringDisplayMaximumLuminance>
            <r1:MasteringDisplayMinimumLuminance>50</r1:MasteringDisplayMinimumLuminance>""";

    String editRate = "24000 1001";
    String pictureSampleRate = "24000/1001";
    int width = 1920;
    int height = 1080;
    String primaries = BT709_PRIMARIES;
    String transfer = BT709_TRANSFER;
    String pictureExtra = "";
    int channels = 6;
    String language = "en";
    boolean iab;
    /** Without it the composition has no MainAudioSequence (e.g. Atmos only). */
    boolean mainAudio = true;
    /** ST 377-1 FrameLayout written in the picture track file (the CPL's is set through pictureExtra). */
    int frameLayout = 0;
    /**
     * Dolby's PHDR metadata track sub-descriptor in the picture track file's header: "" none, "listed" among the
     * descriptor's sub-descriptors, "loose" as a set of the header that the descriptor does not list, written
     * before the descriptor. (The CPL's is set through pictureExtra.)
     */
    String phdrInFile = "";
    String extraSequences = "";
    /** (image frames, audio samples) per segment. */
    List<long[]> segments = new ArrayList<>(List.of(new long[] {240, 480_480}));

    SyntheticPackage hdr10(int w, int h) {
        width = w;
        height = h;
        primaries = BT2020_PRIMARIES;
        transfer = PQ_TRANSFER;
        pictureExtra = MASTERING;
        return this;
    }

    SyntheticPackage segments(long[]... framesAndSamples) {
        segments = new ArrayList<>(List.of(framesAndSamples));
        return this;
    }

    Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String[]> assets = new LinkedHashMap<>(); // id -> {file, type}
        long imageTotal = segments.stream().mapToLong(s -> s[0]).sum();
        long audioTotal = segments.stream().mapToLong(s -> s[1]).sum();
        Rational pictureRate = CompositionPlaylistReader.parseRate(pictureSampleRate);
        SyntheticMxf.Set picture = SyntheticMxf.picture("RGBADescriptor", width, height,
                pictureRate == null ? Rational.of(24) : pictureRate, imageTotal, primaries, transfer)
                .u8("FrameLayout", frameLayout);
        if ("listed".equals(phdrInFile)) {
            picture.sub(SyntheticMxf.phdr());
        }
        Files.write(dir.resolve("video.mxf"), "loose".equals(phdrInFile)
                ? SyntheticMxf.write(picture, 64 * 1024, SyntheticMxf.phdr())
                : SyntheticMxf.write(picture, 64 * 1024));
        assets.put(VIDEO_ID, new String[] {"video.mxf", "application/mxf"});
        if (mainAudio) {
            Files.write(dir.resolve("audio.mxf"), SyntheticMxf.write(SyntheticMxf.sound(channels, audioTotal,
                    language != null && Bcp47.isWellFormed(language) ? language : null), 32 * 1024));
            assets.put(AUDIO_ID, new String[] {"audio.mxf", "application/mxf"});
        }
        if (iab) {
            Files.write(dir.resolve("iab.mxf"), SyntheticMxf.write(SyntheticMxf.iab(
                    Rational.parse(editRate.replace(' ', '/')), imageTotal), 16 * 1024));
            assets.put(IAB_ID, new String[] {"iab.mxf", "application/mxf"});
        }
        String cplXml = cpl();
        if (!mainAudio) {
            cplXml = cplXml.replaceAll("(?s)<cc:MainAudioSequence>.*?</cc:MainAudioSequence>", "");
        }
        Files.writeString(dir.resolve("CPL.xml"), cplXml);
        assets.put(CPL_ID, new String[] {"CPL.xml", "text/xml"});

        StringBuilder pkl = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <PackingList xmlns="http://www.smpte-ra.org/schemas/2067-2/2016/PKL">
                  <Id>%s</Id>
                  <IssueDate>2026-01-01T00:00:00Z</IssueDate>
                  <Issuer>Reelflow tests</Issuer>
                  <Creator>SyntheticPackage</Creator>
                  <AssetList>
                """.formatted(PKL_ID));
        for (Map.Entry<String, String[]> a : assets.entrySet()) {
            Path f = dir.resolve(a.getValue()[0]);
            pkl.append("""
                        <Asset>
                          <Id>%s</Id>
                          <Hash>%s</Hash>
                          <Size>%d</Size>
                          <Type>%s</Type>
                          <OriginalFileName>%s</OriginalFileName>
                          <HashAlgorithm Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
                        </Asset>
                    """.formatted(a.getKey(), StreamingSha1.base64(f), Files.size(f), a.getValue()[1],
                    a.getValue()[0]));
        }
        pkl.append("  </AssetList>\n</PackingList>\n");
        Files.writeString(dir.resolve("PKL.xml"), pkl);
        assets.put(PKL_ID, new String[] {"PKL.xml", "pkl"});

        StringBuilder am = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <AssetMap xmlns="http://www.smpte-ra.org/schemas/429-9/2007/AM">
                  <Id>urn:uuid:66666666-6666-4666-8666-666666666666</Id>
                  <Creator>SyntheticPackage</Creator>
                  <VolumeCount>1</VolumeCount>
                  <IssueDate>2026-01-01T00:00:00Z</IssueDate>
                  <Issuer>Reelflow tests</Issuer>
                  <AssetList>
                """);
        for (Map.Entry<String, String[]> a : assets.entrySet()) {
            am.append("    <Asset><Id>").append(a.getKey()).append("</Id>")
                    .append(a.getValue()[1].equals("pkl") ? "<PackingList>true</PackingList>" : "")
                    .append("<ChunkList><Chunk><Path>").append(a.getValue()[0])
                    .append("</Path></Chunk></ChunkList></Asset>\n");
        }
        am.append("  </AssetList>\n</AssetMap>\n");
        Files.writeString(dir.resolve("ASSETMAP.xml"), am);
        return dir;
    }

    private String cpl() {
        StringBuilder segmentXml = new StringBuilder();
        long imageEntry = 0;
        long audioEntry = 0;
        long imageTotal = segments.stream().mapToLong(s -> s[0]).sum();
        long audioTotal = segments.stream().mapToLong(s -> s[1]).sum();
        for (int i = 0; i < segments.size(); i++) {
            long[] s = segments.get(i);
            segmentXml.append("""
                    <Segment><Id>urn:uuid:77777777-7777-4777-8777-00000000000%d</Id><SequenceList>
                      <cc:MainImageSequence><Id>urn:uuid:a0000000-0000-4000-8000-00000000000%d</Id><TrackId>urn:uuid:e0000000-0000-4000-8000-000000000001</TrackId><ResourceList>
                        <Resource xsi:type="TrackFileResourceType"><Id>urn:uuid:f1000000-0000-4000-8000-00000000000%d</Id><EditRate>%s</EditRate>
                          <IntrinsicDuration>%d</IntrinsicDuration><EntryPoint>%d</EntryPoint><SourceDuration>%d</SourceDuration>
                          <SourceEncoding>urn:uuid:d0000000-0000-4000-8000-000000000001</SourceEncoding><TrackFileId>%s</TrackFileId></Resource>
                      </ResourceList></cc:MainImageSequence>
                      <cc:MainAudioSequence><Id>urn:uuid:b0000000-0000-4000-8000-00000000000%d</Id><TrackId>urn:uuid:e0000000-0000-4000-8000-000000000002</TrackId><ResourceList>
                        <Resource xsi:type="TrackFileResourceType"><Id>urn:uuid:f2000000-0000-4000-8000-00000000000%d</Id><EditRate>48000 1</EditRate>
                          <IntrinsicDuration>%d</IntrinsicDuration><EntryPoint>%d</EntryPoint><SourceDuration>%d</SourceDuration>
                          <SourceEncoding>urn:uuid:d0000000-0000-4000-8000-000000000002</SourceEncoding><TrackFileId>%s</TrackFileId></Resource>
                      </ResourceList></cc:MainAudioSequence>
                    %s%s
                    </SequenceList></Segment>
                    """.formatted(i, i, i, editRate, imageTotal, imageEntry, s[0], VIDEO_ID,
                    i, i, audioTotal, audioEntry, s[1], AUDIO_ID,
                    iab ? iabSequence(i, s[0], imageEntry, imageTotal) : "", i == 0 ? extraSequences : ""));
            imageEntry += s[0];
            audioEntry += s[1];
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <CompositionPlaylist xmlns="http://www.smpte-ra.org/schemas/2067-3/2016"
                    xmlns:cc="http://www.smpte-ra.org/ns/2067-2/2020" xmlns:iab="http://www.smpte-ra.org/ns/2067-201/2019"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:r0="http://www.smpte-ra.org/reg/395/2014/13/1/aaf" xmlns:r1="http://www.smpte-ra.org/reg/335/2012">
                  <Id>%s</Id>
                  <IssueDate>2026-01-01T00:00:00Z</IssueDate>
                  <ContentTitle>Synthetic test composition</ContentTitle>
                  <EssenceDescriptorList>
                    <EssenceDescriptor><Id>urn:uuid:d0000000-0000-4000-8000-000000000001</Id>
                      <r0:RGBADescriptor>
                        <r1:SampleRate>%s</r1:SampleRate>
                        <r1:StoredWidth>%d</r1:StoredWidth><r1:StoredHeight>%d</r1:StoredHeight>
                        <r1:TransferCharacteristic>%s</r1:TransferCharacteristic>
                        <r1:ColorPrimaries>%s</r1:ColorPrimaries>
                        %s
                      </r0:RGBADescriptor></EssenceDescriptor>
                    <EssenceDescriptor><Id>urn:uuid:d0000000-0000-4000-8000-000000000002</Id>
                      <r0:WAVEPCMDescriptor>
                        <r1:SampleRate>48000/1</r1:SampleRate><r1:ChannelCount>%d</r1:ChannelCount>
                        <r1:ChannelAssignment>urn:smpte:ul:060e2b34.0401010d.04020210.04010000</r1:ChannelAssignment>
                        <r1:SubDescriptors><r0:SoundfieldGroupLabelSubDescriptor>
                          <r1:MCATitle>Synthetic</r1:MCATitle><r1:MCATitleVersion>1</r1:MCATitleVersion>
                          <r1:MCAAudioContentKind>PRM</r1:MCAAudioContentKind><r1:MCAAudioElementKind>FCMP</r1:MCAAudioElementKind>
                          %s</r0:SoundfieldGroupLabelSubDescriptor></r1:SubDescriptors>
                      </r0:WAVEPCMDescriptor></EssenceDescriptor>
                    <EssenceDescriptor><Id>urn:uuid:d0000000-0000-4000-8000-000000000003</Id>
                      <r0:IABEssenceDescriptor><r1:SampleRate>%s</r1:SampleRate></r0:IABEssenceDescriptor></EssenceDescriptor>
                  </EssenceDescriptorList>
                  <EditRate>%s</EditRate>
                  <ExtensionProperties><cc:ApplicationIdentification>http://www.smpte-ra.org/ns/2067-21/2021</cc:ApplicationIdentification></ExtensionProperties>
                  <SegmentList>
                %s  </SegmentList>
                </CompositionPlaylist>
                """.formatted(CPL_ID, pictureSampleRate, width, height, transfer, primaries, pictureExtra, channels,
                language == null ? "" : "<r1:RFC5646SpokenLanguage>" + language + "</r1:RFC5646SpokenLanguage>",
                editRate.replace(' ', '/'), editRate, segmentXml);
    }

    private String iabSequence(int i, long frames, long entry, long total) {
        return """
                  <iab:IABSequence><Id>urn:uuid:c0000000-0000-4000-8000-00000000000%d</Id><TrackId>urn:uuid:e0000000-0000-4000-8000-000000000003</TrackId><ResourceList>
                    <Resource xsi:type="TrackFileResourceType"><Id>urn:uuid:f3000000-0000-4000-8000-00000000000%d</Id>
                      <IntrinsicDuration>%d</IntrinsicDuration><EntryPoint>%d</EntryPoint><SourceDuration>%d</SourceDuration>
                      <SourceEncoding>urn:uuid:d0000000-0000-4000-8000-000000000003</SourceEncoding><TrackFileId>%s</TrackFileId></Resource>
                  </ResourceList></iab:IABSequence>
                """.formatted(i, i, total, entry, frames, IAB_ID);
    }
}
