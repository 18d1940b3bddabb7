package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile sizes under a small heap: a 50 MB TTML file, a 1,000,000-element XML file (as timed text, which is
 * streamed, and as a packing list, which is refused at its element limit) and a 300,000-deep one (as timed text and
 * as an ASSETMAP), each inspected in a fresh JVM started with {@code -Xmx256m}. Prints wall time, peak heap and
 * the findings; fails only when a JVM dies, runs out of memory or an inspection throws.
 *
 * <pre>mvn -B test -Pbench -Dtest=InspectionMemoryBenchmark</pre>
 */
@Tag("benchmark")
class InspectionMemoryBenchmark {

    static final String HEAP = "-Xmx256m";

    @TempDir
    Path temp;

    @Test
    void hostileSizesUnderASmallHeap() throws Exception {
        Path ttml50 = fiftyMegabyteTimedText(temp.resolve("fifty-mb.ttml"));
        Path ttmlWide = millionElementTimedText(temp.resolve("million-elements.ttml"));
        Path ttmlDeep = HostileFiles.deep(temp.resolve("deep.ttml"), HostileTimedTextTest.TT_OPEN,
                HostileTimedTextTest.TT_CLOSE, "div begin=\"1s\"", 300_000);
        Path pkgWide = new SyntheticPackage().writeTo(temp.resolve("pkg-wide"));
        StringBuilder pkl = new StringBuilder("<PackingList xmlns=\"http://www.smpte-ra.org/schemas/2067-2/2016/PKL\">"
                + "<AssetList>");
        pkl.append("<Asset/>\n".repeat(1_000_000)).append("</AssetList></PackingList>");
        Files.writeString(pkgWide.resolve("PKL.xml"), pkl);
        Path pkgDeep = new SyntheticPackage().writeTo(temp.resolve("pkg-deep"));
        HostileFiles.deep(pkgDeep.resolve("ASSETMAP.xml"),
                "<AssetMap xmlns=\"http://www.smpte-ra.org/schemas/429-9/2007/AM\">", "</AssetMap>", "AssetList",
                300_000);

        Map<String, String> rows = new TreeMap<>();
        rows.put("1 TTML, 50 MB", probe("ttml", ttml50));
        rows.put("2 TTML, 1,000,000 elements", probe("ttml", ttmlWide));
        rows.put("3 TTML, 300,000 deep", probe("ttml", ttmlDeep));
        rows.put("4 IMF, PKL of 1,000,000 elements", probe("imf", pkgWide));
        rows.put("5 IMF, ASSETMAP 300,000 deep", probe("imf", pkgDeep));

        System.out.println("\nInspection under " + HEAP + " (one fresh JVM each; load average "
                + Files.readString(Path.of("/proc/loadavg")).trim() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ")");
        System.out.printf("%-36s %s%n", "file", "result");
        rows.forEach((k, v) -> System.out.printf("%-36s %s%n", k.substring(2), v));
    }

    /** Runs the inspection in a fresh JVM with a 256 MiB heap; returns its RESULT line. */
    String probe(String kind, Path file) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseSerialGC", "-cp", cp, Probe.class.getName(), kind, file.toString());
        Path log = temp.resolve("probe-" + file.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("probe finished").isTrue();
        String out = Files.readString(log);
        assertThat(out).as(out).doesNotContain("OutOfMemoryError").doesNotContain("Exception in thread");
        assertThat(p.exitValue()).as(out).isZero();
        String result = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        return result.substring("RESULT ".length()) + String.format(" (%.1f MB)", Files.isDirectory(file)
                ? sizeOf(file) / 1e6 : Files.size(file) / 1e6);
    }

    static long sizeOf(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Events of about 85 bytes until the file passes 50 MB (some 600,000 events). */
    static Path fiftyMegabyteTimedText(Path file) throws IOException {
        int events = 0;
        while (true) {
            HostileFiles.wideTimedText(file, events += 100_000, "en");
            if (Files.size(file) >= 50_000_000L) {
                return file;
            }
        }
    }

    /** 500,000 events with a span each: a million elements. */
    static Path millionElementTimedText(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + HostileTimedTextTest.TT_OPEN + "<div>\n");
            for (int i = 0; i < 500_000; i++) {
                long ms = 3000L * i;
                w.write("<p begin=\"" + ms + "ms\" end=\"" + (ms + 2000) + "ms\"><span>Line " + i + ".</span></p>\n");
            }
            w.write("</div>" + HostileTimedTextTest.TT_CLOSE + "\n");
        }
        return file;
    }

    /** The inspection in the child JVM. */
    public static final class Probe {

        private Probe() {
        }

        public static void main(String[] args) {
            Path file = Path.of(args[1]);
            long t0 = System.nanoTime();
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            InspectionReport report = args[0].equals("imf")
                    ? new ImfPackageInspector(1, null).inspect(file)
                    : new TimedTextInspector().inspect(file, TimedTextExpectations.of("en"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            Map<FindingCode, Long> codes = report.findings().stream()
                    .collect(Collectors.groupingBy(Finding::code, TreeMap::new, Collectors.counting()));
            List<String> notes = new ArrayList<>(report.notes());
            notes.removeIf(n -> !n.contains("events checked"));
            System.out.printf("RESULT %.2f s (CPU %.2f s), peak heap %d MiB, findings %s%s%n", seconds, cpu,
                    peak >> 20, codes,
                    notes.isEmpty() ? "" : ", " + notes.get(0).replaceAll(" against.*", ""));
        }
    }
}
