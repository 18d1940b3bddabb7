package io.reelflow.inspection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long reading the MXF headers of a package of ten track files takes (the issue allows 50 ms): the two real
 * sample track files (HTJ2K picture, stereo PCM) copied five times each, read cold-ish (each file once per round,
 * page cache warm) and after JIT warm-up. Prints figures; asserts nothing about time. Run with
 * {@code mvn -B test -Pbench -Dtest=MxfHeaderBenchmark}.
 */
@Tag("benchmark")
class MxfHeaderBenchmark {

    @TempDir
    Path temp;

    @Test
    void headersOfTenTrackFiles() throws Exception {
        Path video = Samples.require("complete-hd-htj2k/VIDEO_6ed567b7-c030-46d6-9c1c-0f09bab4b962.mxf");
        Path audio = Samples.require("complete-hd-htj2k/AUDIO_b285d8f3-0294-4207-8ea8-4f0b72314213.mxf");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(Files.copy(video, temp.resolve("v" + i + ".mxf")));
            files.add(Files.copy(audio, temp.resolve("a" + i + ".mxf")));
        }
        long first = System.nanoTime();
        long bytes = 0;
        for (Path f : files) {
            bytes += MxfHeaderReader.read(f, f.getFileName().toString()).bytesRead();
        }
        double firstMs = (System.nanoTime() - first) / 1e6;
        int rounds = 200;
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            for (Path f : files) {
                MxfEssence.of(MxfHeaderReader.read(f, f.getFileName().toString()).descriptor());
            }
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("MXF headers, package of 10 track files (%d KiB read in all): first read %.1f ms, "
                        + "then median %.2f ms, p90 %.2f ms, max %.2f ms over %d rounds%n",
                bytes / 1024, firstMs, ms[rounds / 2], ms[rounds * 9 / 10], ms[rounds - 1], rounds);

        // the SMPTE schema validation of a package's three documents (ASSETMAP, PKL, CPL), warm
        Path pkg = Samples.require("complete-hd-htj2k");
        List<Path> documents = List.of(pkg.resolve("ASSETMAP.xml"),
                pkg.resolve("PKL_52f61ec0-1517-49b7-a8e2-941c0200c69a.xml"),
                pkg.resolve("CPL_67be5fc8-87f1-4172-8d52-819ca14c7a20.xml"));
        SmpteSchemas.Kind[] kinds = {SmpteSchemas.Kind.ASSETMAP, SmpteSchemas.Kind.PACKING_LIST,
                SmpteSchemas.Kind.COMPOSITION_PLAYLIST};
        String[] namespaces = {"http://www.smpte-ra.org/schemas/429-9/2007/AM",
                "http://www.smpte-ra.org/schemas/2067-2/2016/PKL", "http://www.smpte-ra.org/schemas/2067-3/2016"};
        long compile = System.nanoTime();
        for (SmpteSchemas.Kind k : kinds) {
            k.schema();
        }
        double compileMs = (System.nanoTime() - compile) / 1e6;
        double[] xsd = new double[rounds];
        XmlLimits[] limits = {XmlLimits.ASSETMAP, XmlLimits.PACKING_LIST, XmlLimits.COMPOSITION_PLAYLIST};
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                SmpteSchemas.validate(documents.get(i), "doc", kinds[i], namespaces[i], limits[i], new ArrayList<>());
            }
            xsd[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(xsd);
        System.out.printf("SMPTE schemas: compiled once in %.0f ms; ASSETMAP + PKL + CPL of complete-hd-htj2k "
                + "validated in median %.2f ms, p90 %.2f ms%n", compileMs, xsd[rounds / 2], xsd[rounds * 9 / 10]);

        ImfPackageInspector inspector = new ImfPackageInspector(1, null);
        for (String sample : List.of("complete-hd-htj2k", "complete-app5-aces")) {
            InspectionReport report = inspector.inspect(Samples.require(sample));
            report.notes().stream().filter(n -> n.startsWith("MXF headers")).forEach(n ->
                    System.out.println(sample + ": " + n));
        }
    }

    @Test
    void loudnessMeterSpeedOnFivePointOne() throws Exception {
        // 120 s of 5.1 48 kHz 24-bit PCM, frame-wrapped like a real track file, measured end to end
        int channels = 6;
        int seconds = 120;
        java.nio.file.Path file = temp.resolve("loud.mxf");
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(SyntheticMxf.write(SyntheticMxf.sound(channels, seconds * 48000L, "en"), 0));
            byte[] element = new byte[2000 * channels * 3];
            java.util.Random random = new java.util.Random(1);
            for (int frame = 0; frame < seconds * 24; frame++) {
                random.nextBytes(element);
                for (int i = 2; i < element.length; i += 3) {
                    element[i] >>= 3; // about −18 dBFS noise
                }
                out.write(java.util.HexFormat.of().parseHex("060e2b34010201010d01030116010101"));
                out.write(new byte[] {(byte) 0x83, (byte) (element.length >> 16), (byte) (element.length >> 8),
                        (byte) element.length});
                out.write(element);
            }
        }
        MxfEssence.Sound sound = MxfEssence.of(MxfHeaderReader.read(file, "loud.mxf").descriptor()).sound();
        PcmLoudness.measure(file, sound); // warm-up (JIT, page cache)
        double best = Double.MAX_VALUE;
        PcmLoudness.Result r = null;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            r = PcmLoudness.measure(file, sound);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("Loudness meter (BS.1770-4, speech gate, true peak), 5.1 48 kHz 24-bit, %d s of programme "
                        + "(%d MiB): best %.2f s = %.1f× real time on one thread (%.1f LKFS, dialogue-gated %.1f, "
                        + "%.1f dBTP)%n", seconds, Files.size(file) >> 20, best, seconds / best, r.integratedLkfs(),
                r.dialogueGatedLkfs(), r.truePeakDbtp());
    }
}
