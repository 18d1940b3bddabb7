package io.reelflow.rights;

import static io.reelflow.support.BenchmarkMachine.cpuModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.rights.ema.EmaAvail;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.ema.EmaXlsxWriter;
import io.reelflow.rights.ema.EmaXmlWriter;
import io.reelflow.rights.rules.Territories;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (run on demand: {@code mvn test -Pbench -Dtest=EmaAvailsBenchmark}).
 *
 * <p>Loads 5,000 titles with SVOD rights in 50 territories each, then over real HTTP: (a) exports the avails as EMA XLSX and as
 * EMA XML: 250,000 rows, refused in one file (the answer names the parts) and fetched in 60,000-row parts; (b) imports a
 * 20,000-row EMA spreadsheet (and the same rows as XML) of rights-in for those titles. Prints wall time and the heap's peak
 * in use (sampled; server and client share this JVM, the client only counts the bytes it receives), against the 30 s target.
 * Run it with a small heap ({@code -DargLine=-Xmx512m}) to see that the export and import stream. Times are not
 * asserted; that the work was done is. Results: docs/benchmarks-ema.md.
 */
@Tag("benchmark")
class EmaAvailsBenchmark extends EmaApiTestSupport {

    static final int TITLES = 5_000;
    static final int TERRITORIES = 50;
    static final int IMPORT_ROWS = 20_000;

    @Test
    void exportAndImport() throws Exception {
        List<String> countries = new ArrayList<>(Territories.expand("WW")).subList(0, TERRITORIES);
        long t0 = System.nanoTime();
        List<Long> titles = load(countries);
        System.out.printf(Locale.ROOT, "%nEMA Avails benchmark on %s, %d cores, max heap %d MB%n", cpuModel(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "loaded %d titles x %d territories (SVOD, 2027-2031) in %.1f s%n", TITLES, TERRITORIES, secs(t0));

        // warm-up (JIT): a small export in both formats, not timed
        String few = "&titleIds=" + String.join(",", titles.subList(0, 200).stream().map(String::valueOf).toList());
        for (String format : List.of("xlsx", "xml")) fetch("/api/avails/ema?media=SVOD&from=2027-01-01&format=" + format + few);

        for (String format : List.of("xlsx", "xml")) {
            String path = "/api/avails/ema?media=SVOD&from=2027-01-01&to=2031-12-31&format=" + format;
            resetPeak();
            long start = System.nanoTime();
            Bytes refused = download("rita", path, null);
            double refusedSecs = secs(start);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            int total = Integer.parseInt(refused.text().replaceAll("(?s).*the export has (\\d+) rows.*", "$1"));
            int parts = (total + EmaTemplate.MAX_ROWS - 1) / EmaTemplate.MAX_ROWS;
            long bytes = 0;
            int rows = 0;
            for (int part = 1; part <= parts; part++) {
                long[] counted = fetch(path + "&part=" + part);
                bytes += counted[0];
                rows += (int) counted[1];
            }
            double secs = secs(start);
            assertThat(rows).isEqualTo(total).isGreaterThanOrEqualTo(TITLES * TERRITORIES);
            System.out.printf(Locale.ROOT, "export %-4s: %d rows in %d files, %.1f MB, %.1f s in all (refusal of one file: %.1f s), heap peak %d MB -> %s%n",
                    format, total, parts, bytes / 1e6, secs, refusedSecs, peakMb(), secs < 30 ? "PASS (< 30 s)" : "MISS (>= 30 s)");
        }

        List<EmaAvail> rows = new ArrayList<>(IMPORT_ROWS);
        for (int i = 0; i < IMPORT_ROWS; i++) {
            long title = titles.get(i / TERRITORIES);
            rows.add(new EmaAvail("Full Extract", "Bench Licensor", null, "single", "Movie", "md:cid:org:reelflow.io:title-" + title,
                    EmaTemplate.alid(title), "Bench", "Bench " + title, countries.get(i % TERRITORIES), "VOD",
                    LocalDate.of(2032, 1, 1), LocalDate.of(2034, 12, 31), false, null, List.of(), null));
        }
        for (String format : List.of("xlsx", "xml")) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            if (format.equals("xlsx")) EmaXlsxWriter.write(rows, file);
            else EmaXmlWriter.write(rows, file);
            int before = count("select count(*) from rights_in");
            System.gc();
            resetPeak();
            long start = System.nanoTime();
            Bytes r = upload("rita", "/api/rights-in/import/ema", format.equals("xlsx") ? EmaTemplate.XLSX_MEDIA_TYPE : "application/xml", file.toByteArray());
            double secs = secs(start);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            System.out.printf(Locale.ROOT, "import %-4s: %d rows (%.1f MB) -> %d rights-in records in %.1f s, heap peak %d MB -> %s%n",
                    format, IMPORT_ROWS, file.size() / 1e6, count("select count(*) from rights_in") - before, secs, peakMb(),
                    secs < 30 ? "PASS (< 30 s)" : "MISS (>= 30 s)");
        }
    }

    private List<Long> load(List<String> countries) {
        List<Long> ids = new ArrayList<>(TITLES);
        String run = unique("EMA Bench");
        jdbc.update("INSERT INTO title (name, kind, runtime_minutes, original_language, kids) "
                + "SELECT ? || ' ' || g, 'FEATURE', 95, 'en', false FROM generate_series(1, ?) g", run, TITLES);
        ids.addAll(jdbc.queryForList("SELECT id FROM title WHERE name LIKE ? ORDER BY id", Long.class, run + " %"));
        jdbc.update("INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive) "
                + "SELECT id, 'Bench Licensor', ?::text[], ARRAY['SVOD'], DATE '2027-01-01', DATE '2031-12-31', true FROM title WHERE name LIKE ?",
                "{" + String.join(",", countries) + "}", run + " %");
        return ids;
    }

    /** Downloads one part, counting its bytes and (from the header) its rows, keeping nothing. */
    private long[] fetch(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("rita:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
        HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = r.body()) {
            for (int k; (k = in.read(buf)) > 0; ) n += k;
        }
        return new long[] {n, Long.parseLong(r.headers().firstValue("X-Ema-Rows").orElseThrow())};
    }

    /** The largest heap in use seen by a sampler (every 20 ms) since the last reset: garbage not yet collected included. */
    private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void resetPeak() {
        PEAK.set(0);
    }

    private static long peakMb() {
        return PEAK.get() >> 20;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
