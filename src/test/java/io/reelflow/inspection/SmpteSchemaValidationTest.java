package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ASSETMAP, PKL and CPL against the SMPTE XSDs: the real samples are valid, and each kind of schema break is
 * reported with its own code, its line and in plain words (never a validator's message key).
 */
class SmpteSchemaValidationTest {

    static final String PKG = "complete-hd-htj2k";
    static final String CPL = "CPL_67be5fc8-87f1-4172-8d52-819ca14c7a20.xml";
    static final String PKL = "PKL_52f61ec0-1517-49b7-a8e2-941c0200c69a.xml";

    @TempDir
    Path tmp;

    @Test
    void everySampleDocumentIsValidAgainstItsSchema() throws IOException {
        Path root = Samples.require("");
        List<String> validated = new ArrayList<>();
        List<Finding> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                List<Finding> findings = new ArrayList<>();
                String name = SecureXml.rootElementName(p, XmlLimits.COMPOSITION_PLAYLIST);
                if (read(p, name, findings)) {
                    validated.add(p.getFileName().toString());
                }
                all.addAll(findings);
            }
        }
        assertThat(all).isEmpty();
        assertThat(validated).hasSize(12);
    }

    @Test
    void theSyntheticTestPackageIsValidAgainstItsSchemasToo() throws IOException {
        Path pkg = new SyntheticPackage().writeTo(tmp.resolve("synthetic"));
        for (String file : List.of("ASSETMAP.xml", "PKL.xml", "CPL.xml")) {
            List<Finding> findings = new ArrayList<>();
            Path p = pkg.resolve(file);
            assertThat(read(p, SecureXml.rootElementName(p, XmlLimits.COMPOSITION_PLAYLIST), findings)).isTrue();
            assertThat(findings).as(file).isEmpty();
        }
    }

    @Test
    void aCplWithoutIdLacksARequiredElement() throws IOException {
        List<Finding> f = cpl(x -> x.replaceFirst("<Id>urn:uuid:67be5fc8[^<]*</Id>", ""));

        assertThat(codes(f)).contains(FindingCode.SCHEMA_ELEMENT_MISSING);
        Finding missing = only(f, FindingCode.SCHEMA_ELEMENT_MISSING);
        assertThat(missing.message()).isEqualTo(
                "<CompositionPlaylist> has no <Id> before <Annotation> at line 4, which the schema requires");
        assertThat(missing.element()).isEqualTo("CompositionPlaylist");
    }

    @Test
    void aPklAssetWithoutHashAlgorithmIsIncomplete() throws IOException {
        List<Finding> f = pkl(x -> x.replaceFirst(
                "<HashAlgorithm Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>", ""));

        Finding missing = only(f, FindingCode.SCHEMA_ELEMENT_MISSING);
        assertThat(missing.message()).startsWith("<Asset> at line ").contains(" is incomplete: after <")
                .contains("the schema requires").contains("<HashAlgorithm>");
        assertThat(missing.element()).isEqualTo("PackingList/AssetList/Asset");
    }

    @Test
    void malformedValuesAreNamedWithWhatTheSchemaWants() throws IOException {
        List<Finding> f = cpl(x -> x.replace("<IssueDate>2024-09-30T13:25:04</IssueDate>",
                "<IssueDate>30/09/2024</IssueDate>"));

        Finding bad = only(f, FindingCode.SCHEMA_VALUE_INVALID);
        assertThat(bad.message()).isEqualTo("<IssueDate> at line 5 holds \"30/09/2024\", which is not a date and "
                + "time such as 2016-04-11T10:00:00Z");
        assertThat(bad.element()).isEqualTo("CompositionPlaylist/IssueDate");

        List<Finding> uuid = pkl(x -> x.replace("<Id>urn:uuid:52f61ec0-1517-49b7-a8e2-941c0200c69a</Id>",
                "<Id>52f61ec0-1517-49b7-a8e2-941c0200c69a</Id>"));
        assertThat(only(uuid, FindingCode.SCHEMA_VALUE_INVALID).message())
                .isEqualTo("<Id> at line 3 holds \"52f61ec0-1517-49b7-a8e2-941c0200c69a\", which is not a UUID in "
                        + "the form urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    }

    @Test
    void anElementTheSchemaDoesNotAllowIsUnexpected() throws IOException {
        List<Finding> f = assetMap(x -> x.replace("<VolumeCount>1</VolumeCount>",
                "<VolumeCount>1</VolumeCount><Colour>blue</Colour>"));

        Finding bad = only(f, FindingCode.SCHEMA_ELEMENT_UNEXPECTED);
        assertThat(bad.message()).startsWith("<Colour> at line 6 is not allowed where it is in <AssetMap>: "
                + "the schema expects <IssueDate> there");
    }

    @Test
    void elementsOutOfOrderAreUnexpectedNotMissing() throws IOException {
        List<Finding> f = assetMap(x -> x.replace("<VolumeCount>1</VolumeCount>", "")
                .replace("</Issuer>", "</Issuer><VolumeCount>1</VolumeCount>"));

        assertThat(codes(f)).containsExactly(FindingCode.SCHEMA_ELEMENT_UNEXPECTED);
        assertThat(f.get(0).message()).isEqualTo("<IssueDate> at line 7 is not allowed where it is in <AssetMap>: "
                + "the schema expects <VolumeCount> there (<VolumeCount> comes after it)");
    }

    @Test
    void attributesAreChecked() throws IOException {
        List<Finding> missing = pkl(x -> x.replaceFirst(
                "<HashAlgorithm Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>", "<HashAlgorithm/>"));
        assertThat(only(missing, FindingCode.SCHEMA_ATTRIBUTE_INVALID).message())
                .matches("<HashAlgorithm> at line \\d+ lacks the attribute \"Algorithm\", which the schema requires");

        List<Finding> extra = pkl(x -> x.replaceFirst("<Hash>", "<Hash kind=\"sha1\">"));
        assertThat(only(extra, FindingCode.SCHEMA_ATTRIBUTE_INVALID).message())
                .matches("<Hash> at line \\d+ may carry no attribute");
    }

    @Test
    void anInstancesOwnSchemaLocationIsNeverFetched() throws IOException {
        // a vendor's xsi:schemaLocation pointing anywhere changes nothing: only the bundled schemas are used
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/evil.xsd";
            List<Finding> f = cpl(x -> x.replace("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
                    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
                            + "http://www.smpte-ra.org/schemas/2067-3/2016 " + url + "\" xsi:noNamespaceSchemaLocation=\""
                            + url + "\""));
            assertThat(f).isEmpty();
            listener.setSoTimeout(200);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void manyBreaksAreCountedNotListed() throws IOException {
        List<Finding> f = pkl(x -> x.replaceAll("<Size>(\\d+)</Size>", "<Size>-$1</Size>")
                .replaceAll("<Type>", "<Type>").replaceAll("<Id>urn:uuid:", "<Id>urn:uuid:x"));
        assertThat(f).allSatisfy(x -> assertThat(x.message()).doesNotContain("cvc-"));
        assertThat(f.stream().filter(x -> x.code().name().startsWith("SCHEMA_"))).hasSizeGreaterThan(3);
    }

    // ---- helpers

    private List<Finding> cpl(UnaryOperator<String> edit) throws IOException {
        return edited(CPL, edit);
    }

    private List<Finding> pkl(UnaryOperator<String> edit) throws IOException {
        return edited(PKL, edit);
    }

    private List<Finding> assetMap(UnaryOperator<String> edit) throws IOException {
        return edited("ASSETMAP.xml", edit);
    }

    private List<Finding> edited(String file, UnaryOperator<String> edit) throws IOException {
        Path source = Samples.require(PKG).resolve(file);
        Path copy = tmp.resolve(file);
        Files.writeString(copy, edit.apply(Files.readString(source)));
        List<Finding> findings = new ArrayList<>();
        read(copy, SecureXml.rootElementName(copy, XmlLimits.COMPOSITION_PLAYLIST), findings);
        List<Finding> schema = findings.stream().filter(x -> x.code().name().startsWith("SCHEMA_")).toList();
        schema.forEach(System.out::println);
        return schema;
    }

    private static boolean read(Path p, String rootName, List<Finding> findings) {
        try {
            switch (rootName == null ? "" : rootName) {
                case "AssetMap" -> AssetMapReader.read(p, p.getFileName().toString(), findings);
                case "PackingList" -> PackingListReader.read(p, p.getFileName().toString(), findings);
                case "CompositionPlaylist" -> CompositionPlaylistReader.read(p, p.getFileName().toString(),
                        findings);
                default -> {
                    return false;
                }
            }
        } catch (XmlProblem e) {
            throw new AssertionError(e);
        }
        return true;
    }

    private static List<FindingCode> codes(List<Finding> f) {
        return f.stream().map(Finding::code).toList();
    }

    private static Finding only(List<Finding> f, FindingCode code) {
        List<Finding> of = f.stream().filter(x -> x.code() == code).toList();
        assertThat(of).as("findings %s", f).hasSize(1);
        return of.get(0);
    }
}
