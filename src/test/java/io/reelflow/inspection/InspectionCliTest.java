package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InspectionCliTest {

    @TempDir
    Path temp;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return InspectionCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "frobnicate", "inspect-imf", "inspect-imf /no/such/folder",
            "inspect-imf . --resolution 8K", "inspect-imf . --range", "inspect-imf . --bogus",
            "inspect-ttml x.ttml", "inspect-ttml /no/such.ttml --language pt-BR",
            "inspect-imf . --language pt_BR"})
    void usageErrorsExitWithTwo(String commandLine) {
        String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");

        assertThat(run(args)).isEqualTo(InspectionCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    @Test
    void aCleanPackageExitsWithZero() {
        Path pkg = Samples.require("complete-hd-htj2k");

        assertThat(run("inspect-imf", pkg.toString())).isEqualTo(InspectionCli.PASSED);
        assertThat(out()).startsWith("IMF package complete-hd-htj2k: PASSED");
    }

    @Test
    void orderMismatchesExitWithOneAndPrintJson() {
        Path pkg = Samples.require("complete-hd-htj2k");

        int code = run("inspect-imf", pkg.toString(), "--resolution", "HD", "--range", "SDR", "--language", "en",
                "--json");

        assertThat(code).isEqualTo(InspectionCli.FAILED);
        assertThat(out()).startsWith("{").contains("\"code\": \"FRAME_RATE_NOT_ALLOWED\"", "\"passed\": false");
    }

    @Test
    void aLoneCplIsInspectedWhenGivenAFile() {
        Path cpl = Samples.require("cpl-only/hd-rec709-valid.xml");

        assertThat(run("inspect-imf", cpl.toString(), "--resolution", "hd", "--range", "sdr", "--language", "en-US",
                "--frame-rates", "24000/1001")).isEqualTo(InspectionCli.PASSED);
        assertThat(out()).startsWith("CPL hd-rec709-valid.xml: PASSED");
    }

    @Test
    void timedTextExitCodesFollowTheFindings() throws IOException {
        Path good = temp.resolve("good.ttml");
        Files.writeString(good, TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS, TimedTextInspectorTest.GOOD));

        assertThat(run("inspect-ttml", good.toString(), "--language", "pt-BR", "--runtime-seconds", "60"))
                .isEqualTo(InspectionCli.PASSED);
        assertThat(run("inspect-ttml", good.toString(), "--language", "pt", "--kids")).isEqualTo(InspectionCli.FAILED);
        assertThat(out()).contains("TTML_LANGUAGE_MISMATCH");
    }

    @Test
    void aForcedNarrativeCanBeCrossCheckedFromTheCommandLine() throws IOException {
        Path full = temp.resolve("full.ttml");
        Files.writeString(full, TimedTextInspectorTest.FULL);
        Path forced = temp.resolve("forced.ttml");
        Files.writeString(forced, TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS,
                TimedTextInspectorTest.p("n", "40s", "42s", "Não existe")));

        int code = run("inspect-ttml", forced.toString(), "--language", "pt-BR", "--forced", "--full-subtitles",
                full.toString(), "--json");

        assertThat(code).isEqualTo(InspectionCli.FAILED);
        assertThat(out()).contains("FORCED_EVENT_NOT_IN_FULL_SUBTITLES");
    }
}
