package io.reelflow.inspection;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line for the inspections; see docs/inspection.md. Exit code 0 when the inspection passed, 1 when it
 * found errors, 2 on a usage error.
 */
public final class InspectionCli {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage:
              inspect-imf DIR|CPL.xml [--resolution HD|UHD] [--range SDR|HDR10|DOLBY_VISION] [--language TAG]
                          [--frame-rates 24000/1001,24,25] [--atmos] [--min-channels N] [--threads N] [--loudness] [--json]
              inspect-ttml FILE --language TAG [--runtime-seconds N] [--kids] [--sdh] [--forced]
                          [--full-subtitles FILE] [--json]
            exit code: 0 passed, 1 errors found, 2 usage error""";

    private InspectionCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code instead of exiting, for tests and embedding. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            Options options = new Options(args);
            InspectionReport report = switch (args[0]) {
                case "inspect-imf" -> inspectImf(options, err);
                case "inspect-ttml" -> inspectTtml(options);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
            out.print(options.json ? report.toJson() : text(report));
            out.flush();
            return report.passed() ? PASSED : FAILED;
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
    }

    private static InspectionReport inspectImf(Options o, PrintStream err) {
        Path path = o.path();
        DeliveryOrder order = null;
        if (o.resolution != null || o.range != null || o.language != null || o.frameRates != null || o.atmos
                || o.minChannels != null) {
            order = new DeliveryOrder(o.resolution, o.range, o.frameRates, o.atmos, o.language,
                    o.minChannels == null ? DeliveryOrder.SURROUND_5_1 : o.minChannels);
        }
        ImfPackageInspector inspector = new ImfPackageInspector(
                o.threads == null ? ImfPackageInspector.defaultHashThreads() : o.threads, new ProgressPrinter(err));
        if (o.loudness) {
            inspector = inspector.withLoudness();
        }
        if (Files.isDirectory(path)) {
            return inspector.inspect(path, order);
        }
        if (Files.isRegularFile(path)) {
            return inspector.inspectCompositionPlaylist(path, order);
        }
        throw new UsageException(path + " does not exist");
    }

    private static InspectionReport inspectTtml(Options o) {
        Path file = o.path();
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " is not a file");
        }
        if (o.language == null) {
            throw new UsageException("inspect-ttml needs --language");
        }
        TimedTextExpectations expected = new TimedTextExpectations(o.language, o.runtime, o.kids, o.forced, null,
                null, o.sdh);
        TimedTextInspector inspector = new TimedTextInspector();
        InspectionReport report = inspector.inspect(file, expected);
        if (o.fullSubtitles == null) {
            return report;
        }
        if (!Files.isRegularFile(o.fullSubtitles)) {
            throw new UsageException(o.fullSubtitles + " is not a file");
        }
        InspectionReport cross = inspector.crossCheckForcedNarrative(file, o.fullSubtitles);
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.addAll(cross.findings());
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(cross.notes());
        return new InspectionReport(cross.subject(), findings, notes);
    }

    private static String text(InspectionReport report) {
        StringBuilder s = new StringBuilder(report.summary()).append(System.lineSeparator());
        for (Finding f : report.findings()) {
            s.append("  ").append(f).append(System.lineSeparator());
        }
        return s.toString();
    }

    /** Prints hashing progress to stderr in 10 % steps, for large packages only. */
    private static final class ProgressPrinter implements HashProgressListener {
        private static final long WORTH_REPORTING = 256L * 1024 * 1024;
        private final PrintStream err;
        private int lastTenth = -1;

        ProgressPrinter(PrintStream err) {
            this.err = err;
        }

        @Override
        public void onProgress(long done, long total) {
            if (total < WORTH_REPORTING) {
                return;
            }
            int tenth = (int) (done * 10 / total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.printf(Locale.ROOT, "hashing: %d%% of %.1f GiB%n", tenth * 10, total / (1024.0 * 1024 * 1024));
            }
        }
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed options; unknown options and missing values are usage errors. */
    private static final class Options {
        String pathText;
        DeliveryOrder.Resolution resolution;
        DeliveryOrder.DynamicRange range;
        String language;
        Set<Rational> frameRates;
        boolean atmos;
        boolean loudness;
        Integer minChannels;
        Integer threads;
        boolean json;
        Rational runtime;
        boolean kids;
        boolean sdh;
        boolean forced;
        Path fullSubtitles;

        Options(String[] args) {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--resolution" -> resolution = parseEnum(DeliveryOrder.Resolution.class, value(args, ++i, a));
                    case "--range" -> range = parseEnum(DeliveryOrder.DynamicRange.class, value(args, ++i, a));
                    case "--language" -> language = value(args, ++i, a);
                    case "--frame-rates" -> {
                        frameRates = new LinkedHashSet<>();
                        for (String r : value(args, ++i, a).split(",")) {
                            frameRates.add(rational(r, a));
                        }
                    }
                    case "--atmos" -> atmos = true;
                    case "--loudness" -> loudness = true;
                    case "--min-channels" -> minChannels = integer(value(args, ++i, a), a);
                    case "--threads" -> threads = integer(value(args, ++i, a), a);
                    case "--json" -> json = true;
                    case "--runtime-seconds" -> runtime = rational(value(args, ++i, a), a);
                    case "--kids" -> kids = true;
                    case "--sdh" -> sdh = true;
                    case "--forced" -> forced = true;
                    case "--full-subtitles" -> fullSubtitles = Path.of(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--") || pathText != null) {
                            throw new UsageException("unexpected argument '" + a + "'");
                        }
                        pathText = a;
                    }
                }
            }
        }

        Path path() {
            if (pathText == null) {
                throw new UsageException("no file or folder given");
            }
            return Path.of(pathText);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new UsageException("'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        private static Rational rational(String text, String option) {
            try {
                Rational r = Rational.parse(text);
                if (r.signum() <= 0) {
                    throw new NumberFormatException();
                }
                return r;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new UsageException(option + " '" + text + "' is not a positive number");
            }
        }

        private static int integer(String text, String option) {
            try {
                int n = Integer.parseInt(text);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(option + " '" + text + "' is not a positive whole number");
            }
        }
    }
}
