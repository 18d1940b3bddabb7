package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMF packages made to break the inspection or to read outside the package: every one gives findings, never an
 * exception, and no finding tells anything about a file outside the package folder.
 */
class HostilePackageTest {

    @TempDir
    Path temp;
    Path pkg;
    Path outside;
    final ImfPackageInspector inspector = new ImfPackageInspector(1, null);

    @BeforeEach
    void setUp() throws IOException {
        pkg = new SyntheticPackage().writeTo(temp.resolve("pkg"));
        outside = Files.createDirectories(temp.resolve("outside-secrets"));
        Files.writeString(outside.resolve("shadow"), "root:$6$secret-hash:19000:0:99999:7:::\n");
        Files.copy(pkg.resolve("audio.mxf"), outside.resolve("audio.mxf"));
    }

    /** The report, after checking it says nothing of the outside files but the names the ASSETMAP itself gives. */
    InspectionReport inspect() throws IOException {
        InspectionReport report = inspector.inspect(pkg);
        HostileFiles.assertPlain(report, "secret-hash", temp.toString(), outside.toString(),
                " " + Files.size(outside.resolve("shadow")) + " ");
        return report;
    }

    @Test
    void anAssetThatIsALinkIsNotRead() throws IOException {
        // even a link to an identical copy outside: its size and hash are never reported
        Files.delete(pkg.resolve("audio.mxf"));
        Files.createSymbolicLink(pkg.resolve("audio.mxf"), outside.resolve("audio.mxf"));

        InspectionReport report = inspect();

        assertThat(report.findings()).extracting(Finding::code).contains(ASSET_SYMLINK)
                .doesNotContain(ASSET_SIZE_MISMATCH, ASSET_HASH_MISMATCH, ASSET_FILE_MISSING);
        assertThat(report.findings(ASSET_SYMLINK)).extracting(Finding::file).containsOnly("audio.mxf");
        assertThat(report.notes()).anyMatch(n -> n.startsWith("SHA-1 verified for 2 of 3"));
    }

    @Test
    void aLinkToAFileOutsideIsAFindingAndNothingMore() throws IOException {
        Files.createSymbolicLink(pkg.resolve("extra.xml"), outside.resolve("shadow"));

        InspectionReport report = inspect();

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ASSET_SYMLINK);
    }

    @Test
    void aLinkedFolderIsNotEntered() throws IOException {
        Files.createSymbolicLink(pkg.resolve("more"), outside);

        InspectionReport report = inspect();

        assertThat(report.findings()).extracting(Finding::code, Finding::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ASSET_SYMLINK, "more"));
    }

    @Test
    void anAssetPathThroughALinkedFolderSaysNothingOfWhatIsThere() throws IOException {
        Files.createSymbolicLink(pkg.resolve("more"), outside);
        String assetMap = Files.readString(pkg.resolve("ASSETMAP.xml"));
        // one path names a file that exists behind the link, the other one that does not: the answers are alike
        Files.writeString(pkg.resolve("ASSETMAP.xml"), assetMap
                .replace("<Path>audio.mxf</Path>", "<Path>more/shadow</Path>")
                .replace("<Path>video.mxf</Path>", "<Path>more/passwd</Path>"));

        InspectionReport report = inspect();

        assertThat(report.findings(ASSET_SYMLINK)).extracting(Finding::file)
                .containsExactlyInAnyOrder("more", "more/shadow", "more/passwd");
        assertThat(report.findings()).extracting(Finding::file).doesNotContain("video.mxf/shadow");
        assertThat(report.findings(ASSET_FILE_MISSING)).isEmpty();
        String shadow = report.findings(ASSET_SYMLINK).stream().filter(f -> f.file().equals("more/shadow"))
                .findFirst().orElseThrow().message();
        String passwd = report.findings(ASSET_SYMLINK).stream().filter(f -> f.file().equals("more/passwd"))
                .findFirst().orElseThrow().message();
        assertThat(shadow.replace("shadow", "X").replace(SyntheticPackage.AUDIO_ID, "ID"))
                .isEqualTo(passwd.replace("passwd", "X").replace(SyntheticPackage.VIDEO_ID, "ID"));
    }

    @Test
    void aLinkedAssetMapIsNotRead() throws IOException {
        Files.move(pkg.resolve("ASSETMAP.xml"), outside.resolve("ASSETMAP.xml"));
        Files.createSymbolicLink(pkg.resolve("ASSETMAP.xml"), outside.resolve("ASSETMAP.xml"));

        InspectionReport report = inspect();

        assertThat(report.findings()).extracting(Finding::code).contains(ASSET_SYMLINK, ASSETMAP_MISSING);
    }

    @Test
    void aLinkedPackingListAndPlaylistAreNotRead() throws IOException {
        for (String name : new String[] {"PKL.xml", "CPL.xml"}) {
            Files.move(pkg.resolve(name), outside.resolve(name));
            Files.createSymbolicLink(pkg.resolve(name), outside.resolve(name));
        }

        InspectionReport report = inspect();

        assertThat(report.findings(ASSET_SYMLINK)).extracting(Finding::file)
                .containsExactlyInAnyOrder("PKL.xml", "CPL.xml", "PKL.xml", "CPL.xml");
        assertThat(report.findings()).extracting(Finding::code).contains(PKL_MISSING, CPL_MISSING);
    }

    @Test
    void pathsOutOfThePackageAreRefusedWithoutSayingWhatIsThere() throws IOException {
        String assetMap = Files.readString(pkg.resolve("ASSETMAP.xml"));
        Files.writeString(pkg.resolve("ASSETMAP.xml"), assetMap
                .replace("<Path>audio.mxf</Path>", "<Path>../outside-secrets/shadow</Path>")
                .replace("<Path>video.mxf</Path>", "<Path>/etc/passwd</Path>")
                .replace("<ChunkList><Chunk><Path>CPL.xml</Path></Chunk></ChunkList>", ""));

        InspectionReport report = inspect();

        assertThat(report.findings(ASSET_PATH_INVALID)).hasSize(3);
        assertThat(report.findings(ASSET_PATH_INVALID)).extracting(Finding::message)
                .anyMatch(m -> m.contains("gives no path"));
    }

    @Test
    void aThreeHundredThousandDeepAssetMapIsAFinding() throws IOException {
        HostileFiles.deep(pkg.resolve("ASSETMAP.xml"),
                "<AssetMap xmlns=\"http://www.smpte-ra.org/schemas/429-9/2007/AM\">", "</AssetMap>", "AssetList",
                300_000);

        InspectionReport report = inspect();

        assertThat(report.findings(XML_LIMIT_EXCEEDED)).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("ASSETMAP.xml");
            assertThat(f.message()).contains("32 levels", "line 3", "<AssetList>");
        });
    }

    @Test
    void aMillionElementPackingListIsAFinding() throws IOException {
        StringBuilder pkl = new StringBuilder("<PackingList xmlns=\"http://www.smpte-ra.org/schemas/2067-2/2016/PKL\">"
                + "<AssetList>");
        pkl.append("<Asset/>\n".repeat(1_000_000)).append("</AssetList></PackingList>");
        Files.writeString(pkg.resolve("PKL.xml"), pkl);

        InspectionReport report = inspect();

        assertThat(report.findings(XML_LIMIT_EXCEEDED)).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("PKL.xml");
            assertThat(f.message()).contains("more than 200000 elements", "line 199999");
        });
    }

    @Test
    void aHugePlaylistIsNotRead() throws IOException {
        HostileFiles.sparse(pkg.resolve("CPL.xml"), XmlLimits.COMPOSITION_PLAYLIST.maxBytes() + 1);

        InspectionReport report = inspect();

        assertThat(report.findings(FILE_TOO_LARGE)).extracting(Finding::file).containsOnly("CPL.xml");
    }

    @Test
    void entityExpansionIsRefused() throws IOException {
        Files.writeString(pkg.resolve("PKL.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <PackingList xmlns="http://www.smpte-ra.org/schemas/2067-2/2016/PKL">&lol2;</PackingList>
                """);

        InspectionReport report = inspect();

        assertThat(report.findings(XML_DOCTYPE_FORBIDDEN)).extracting(Finding::file).contains("PKL.xml");
    }

    @Test
    void anExponentOfABillionIsNotComputed() throws IOException {
        String cpl = Files.readString(pkg.resolve("CPL.xml"));
        Files.writeString(pkg.resolve("CPL.xml"), cpl.replace("<EditRate>24000 1001</EditRate>",
                "<EditRate>1E999999999</EditRate>"));

        InspectionReport report = inspect();

        assertThat(report.findings()).extracting(Finding::code).contains(CPL_EDIT_RATE_INVALID);
    }

    @Test
    void hugeNumbersInThePlaylistAreFindingsInPlainWords() throws IOException {
        String cpl = Files.readString(pkg.resolve("CPL.xml"));
        Files.writeString(pkg.resolve("CPL.xml"), cpl.replaceFirst("<IntrinsicDuration>\\d+</IntrinsicDuration>",
                "<IntrinsicDuration>" + "9".repeat(400) + "</IntrinsicDuration>")
                .replaceFirst("<EditRate>[^<]+</EditRate>", "<EditRate>1e999999999 1</EditRate>"));

        InspectionReport report = inspect();

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::code).doesNotContain(INSPECTION_FAILED);
    }
}
