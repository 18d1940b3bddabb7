package io.reelflow.delivery;

import io.reelflow.delivery.InspectionRequests.FindingView;
import io.reelflow.delivery.InspectionRequests.InspectionView;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The latest inspection of a package or track as the return and receive tasks show it: counts, the summary and the
 * first findings, as escaped Markdown within the engine's limit for a string variable. The inspections themselves
 * are queued by {@link InspectImfPackageDelegate} and {@link InspectTrackDelegate} and run by {@link InspectionWorker}
 * outside the engine's jobs; the findings stay in the domain tables.
 */
final class FindingsReport {

    /** Task-local variables of the return tasks: counts and the first findings, as Markdown for the form's text. */
    static final String PACKAGE_FINDINGS_REPORT = NetflixDeliveryVariables.PACKAGE_FINDINGS.name();
    static final String TRACK_FINDINGS_REPORT = LocalizationTrackVariables.TRACK_FINDINGS.name();
    /** At most how many findings a form shows; the full list is in GET /api/deliveries/{id}. */
    static final int SHOWN = 50;
    /** The engine keeps a string variable in a column of 4,000 characters. */
    static final int MAX_REPORT = 3900;

    private FindingsReport() {
    }

    /**
     * Counts by severity, the summary and the first findings (errors first, at most {@link #SHOWN}), as Markdown
     * within {@link #MAX_REPORT} characters (the engine's limit for a string variable is 4,000).
     */
    static String report(Optional<InspectionView> inspection, long deliveryId) {
        if (inspection.isEmpty()) return "None yet.";
        InspectionView v = inspection.get();
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.UK);
        int total = v.errors() + v.warnings();
        StringBuilder head = new StringBuilder();
        head.append("**").append(Boolean.TRUE.equals(v.passed()) ? "Passed" : v.waived() ? "Failed, findings waived by a manager" : "Failed").append("**: ")
                .append(n.format(v.errors())).append(v.errors() == 1 ? " error, " : " errors, ")
                .append(n.format(v.warnings())).append(v.warnings() == 1 ? " warning" : " warnings")
                .append(" (inspected: ").append(escape(InspectionRequests.bounded(v.location(), 300))).append(").\n\n");
        if (v.summary() != null) head.append(escape(InspectionRequests.bounded(v.summary(), 800))).append("\n\n");
        StringBuilder list = new StringBuilder();
        int shown = 0;
        int budget = MAX_REPORT - head.length() - 200;
        for (FindingView f : v.findings()) {
            StringBuilder line = new StringBuilder("- ").append(f.waived() ? "WAIVED " : "").append(f.severity()).append(' ').append(f.code());
            if (f.file() != null) line.append(" · ").append(escape(InspectionRequests.bounded(f.file(), 80)));
            if (f.element() != null) line.append(" · ").append(escape(InspectionRequests.bounded(f.element(), 80)));
            line.append(": ").append(escape(InspectionRequests.bounded(f.message(), 160))).append('\n');
            if (list.length() + line.length() > budget) break;
            list.append(line);
            shown++;
        }
        if (total > shown) {
            head.append("The first ").append(n.format(shown)).append(" of ").append(n.format(total))
                    .append(" findings, errors first; all of them: `GET /api/deliveries/").append(deliveryId).append("`.\n\n");
        }
        return (head.toString() + list).strip();
    }

    /** Text from a file shown as Markdown: every character that Markdown or HTML would act on is escaped. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                s.append(' ');
            } else if ("\\`*[]<>#|~!".indexOf(c) >= 0) {
                s.append('\\').append(c);
            } else if (!Character.isISOControl(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
