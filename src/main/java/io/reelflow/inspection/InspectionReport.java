package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The outcome of one inspection: findings, informational notes, a JSON form and a one-paragraph summary. */
public final class InspectionReport {

    private final String subject;
    private final List<Finding> findings;
    private final List<String> notes;

    public InspectionReport(String subject, List<Finding> findings, List<String> notes) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.findings = List.copyOf(findings);
        this.notes = List.copyOf(notes);
    }

    public InspectionReport(String subject, List<Finding> findings) {
        this(subject, findings, List.of());
    }

    /** What was inspected, e.g. "IMF package complete-hd-htj2k". */
    public String subject() {
        return subject;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Informational remarks that are not findings, e.g. how many bytes were hashed or which checks were skipped. */
    public List<String> notes() {
        return notes;
    }

    /** True when there is no ERROR finding (warnings do not block upload). */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isError()).toList();
    }

    public List<Finding> findings(FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    /** One paragraph of plain English for the coordinator's task form, e.g. "FAILED: 3 errors, 1 warning: …". */
    public String summary() {
        int errors = errors().size();
        int warnings = warnings().size();
        StringBuilder s = new StringBuilder(subject).append(": ");
        if (errors == 0 && warnings == 0) {
            s.append("PASSED, no errors or warnings.");
        } else {
            s.append(errors == 0 ? "PASSED with " : "FAILED, ");
            if (errors > 0) {
                s.append(count(errors, "error"));
                if (warnings > 0) {
                    s.append(", ");
                }
            }
            if (warnings > 0) {
                s.append(count(warnings, "warning"));
            }
            s.append(": ");
            List<String> parts = new ArrayList<>();
            for (Map.Entry<FindingCode, List<Finding>> group : groupedErrorsFirst().entrySet()) {
                List<Finding> same = group.getValue();
                String first = stripFinalStop(same.get(0).message());
                String part = group.getKey().label() + " (" + group.getKey().name() + "): " + first;
                if (same.size() > 1) {
                    part += " (and " + (same.size() - 1) + " more)";
                }
                parts.add(part);
            }
            s.append(String.join("; ", parts)).append('.');
        }
        for (String note : notes) {
            s.append(' ').append(note);
            if (!note.endsWith(".")) {
                s.append('.');
            }
        }
        return s.toString();
    }

    /** The report as a JSON object (written by hand; see {@link Json}). */
    public String toJson() {
        StringBuilder j = new StringBuilder();
        j.append("{\n");
        j.append("  \"subject\": ").append(Json.string(subject)).append(",\n");
        j.append("  \"passed\": ").append(passed()).append(",\n");
        j.append("  \"errorCount\": ").append(errors().size()).append(",\n");
        j.append("  \"warningCount\": ").append(warnings().size()).append(",\n");
        j.append("  \"summary\": ").append(Json.string(summary())).append(",\n");
        j.append("  \"notes\": [");
        for (int i = 0; i < notes.size(); i++) {
            j.append(i == 0 ? "\n    " : ",\n    ").append(Json.string(notes.get(i)));
        }
        j.append(notes.isEmpty() ? "],\n" : "\n  ],\n");
        j.append("  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            j.append(i == 0 ? "\n    " : ",\n    ");
            j.append("{\"code\": ").append(Json.string(f.code().name()))
                    .append(", \"severity\": ").append(Json.string(f.severity().name()))
                    .append(", \"file\": ").append(Json.string(f.file()))
                    .append(", \"element\": ").append(Json.string(f.element()))
                    .append(", \"message\": ").append(Json.string(f.message()))
                    .append('}');
        }
        j.append(findings.isEmpty() ? "]\n" : "\n  ]\n");
        return j.append("}\n").toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    private Map<FindingCode, List<Finding>> groupedErrorsFirst() {
        Map<FindingCode, List<Finding>> groups = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            for (Finding f : findings) {
                if (f.severity() == severity) {
                    groups.computeIfAbsent(f.code(), c -> new ArrayList<>()).add(f);
                }
            }
        }
        return groups;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String stripFinalStop(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
