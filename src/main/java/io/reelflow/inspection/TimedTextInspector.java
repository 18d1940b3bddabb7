package io.reelflow.inspection;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Inspects subtitles, SDH and forced narratives delivered as TTML1 / DFXP or IMSC 1.1: document, language,
 * timing parameters, ids, and every event's timing, layout and reading speed against Netflix's style guide; and
 * cross-checks a forced-narrative file against the full subtitles of the same language.
 */
public final class TimedTextInspector {

    /** One timed event of a file. */
    record Event(TimedTextDocument.Paragraph paragraph, Rational begin, Rational end) {

        Rational duration() {
            return end.minus(begin);
        }

        int characters() {
            return paragraph.lines().stream().mapToInt(l -> l.codePointCount(0, l.length())).sum();
        }

        /** Text for comparing events across files: lines joined by a space, whitespace collapsed, Unicode NFC. */
        String comparableText() {
            return Normalizer.normalize(String.join(" ", paragraph.lines()), Normalizer.Form.NFC)
                    .replaceAll("\\s+", " ").strip();
        }

        String span() {
            return TimeExpression.format(begin) + "–" + TimeExpression.format(end);
        }
    }

    public InspectionReport inspect(Path file, TimedTextExpectations expected) {
        String name = file.getFileName().toString();
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String subject = (expected.forcedNarrative() ? "Forced narrative " : "Timed text ") + name;
        TimedTextDocument doc;
        try {
            doc = TimedTextReader.read(file);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(name));
            return new InspectionReport(subject, findings, notes);
        }
        if (!isTtml(doc)) {
            findings.add(Finding.of(FindingCode.TTML_NAMESPACE_INVALID, name, doc.rootName(),
                    "the root element is <" + doc.rootName() + "> in namespace " + doc.rootNamespace()
                            + "; TTML needs <tt> in " + TimedTextReader.TT
                            + " (older DFXP namespaces are not accepted)"));
            return new InspectionReport(subject, findings, notes);
        }
        checkLanguage(doc, expected.language(), name, findings);
        TimingParameters timing = TimingParameters.from(doc.timingAttributes(), name, findings);
        for (TimedTextDocument.IdAt dup : doc.duplicateIds()) {
            findings.add(Finding.of(FindingCode.TTML_DUPLICATE_ID, name, "line " + dup.line(),
                    "xml:id \"" + dup.id() + "\" is used more than once"));
        }
        List<Event> events = events(doc, timing, name, findings);
        if (doc.paragraphs().isEmpty()) {
            Finding none = Finding.of(FindingCode.TTML_NO_EVENTS, name, "body", "the file has no subtitle events");
            findings.add(expected.forcedNarrative()
                    ? new Finding(none.code(), Severity.WARNING, name, "body",
                    "the forced-narrative file has no events; confirm the title has no foreign-language text")
                    : none);
        }
        Rational frame = (timing.frameRateSpecified ? timing.effectiveFrameRate() : expected.videoFrameRate())
                .reciprocal();
        checkEvents(events, expected, frame, name, findings);
        if (expected.runtimeSeconds() == null) {
            notes.add("No runtime given: events were not checked against the programme's end");
        }
        notes.add(events.size() + " events checked against " + expected.limits().maxLines() + " lines of "
                + expected.limits().maxCharactersPerLine() + " characters and "
                + expected.limits().maxCharactersPerSecond() + " characters per second");
        return new InspectionReport(subject, findings, notes);
    }

    /**
     * Every event of the forced-narrative file must also be in the full subtitles of the same language: an event
     * there overlapping it in time with the same text (whitespace normalized).
     */
    public InspectionReport crossCheckForcedNarrative(Path forcedFile, Path fullSubtitleFile) {
        String forcedName = forcedFile.getFileName().toString();
        String fullName = fullSubtitleFile.getFileName().toString();
        String subject = "Forced narrative " + forcedName + " against full subtitles " + fullName;
        List<Finding> findings = new ArrayList<>();
        TimedTextDocument forced;
        TimedTextDocument full;
        try {
            forced = TimedTextReader.read(forcedFile);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(forcedName));
            return new InspectionReport(subject, findings);
        }
        try {
            full = TimedTextReader.read(fullSubtitleFile);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(fullName));
            return new InspectionReport(subject, findings);
        }
        if (forced.language() != null && full.language() != null
                && !Bcp47.sameTag(forced.language(), full.language())) {
            findings.add(Finding.of(FindingCode.FORCED_LANGUAGE_MISMATCH, forcedName, "tt",
                    "the forced narrative is " + forced.language() + " but the full subtitles are "
                            + full.language()));
        }
        // Timing problems of either file are the single-file inspection's business; here they are only skipped.
        List<Event> forcedEvents = events(forced, TimingParameters.from(forced.timingAttributes(), forcedName,
                new ArrayList<>()), forcedName, new ArrayList<>());
        List<Event> fullEvents = events(full, TimingParameters.from(full.timingAttributes(), fullName,
                new ArrayList<>()), fullName, new ArrayList<>());
        for (Event f : forcedEvents) {
            List<Event> overlapping = fullEvents.stream()
                    .filter(g -> g.begin().isLessThan(f.end()) && f.begin().isLessThan(g.end())).toList();
            boolean matched = overlapping.stream().anyMatch(g -> g.comparableText().equals(f.comparableText()));
            if (!matched) {
                String why = overlapping.isEmpty()
                        ? "no event of " + fullName + " overlaps " + f.span()
                        : "the overlapping events of " + fullName + " say "
                        + overlapping.stream().map(g -> "\"" + g.comparableText() + "\"").toList()
                        + " instead";
                findings.add(Finding.of(FindingCode.FORCED_EVENT_NOT_IN_FULL_SUBTITLES, forcedName,
                        f.paragraph().label(), "forced event \"" + f.comparableText() + "\" at " + f.span()
                                + " is not in the full subtitles: " + why));
            }
        }
        return new InspectionReport(subject, findings,
                List.of(forcedEvents.size() + " forced events compared with " + fullEvents.size() + " full events"));
    }

    private static boolean isTtml(TimedTextDocument doc) {
        return TimedTextReader.TT.equals(doc.rootNamespace()) && "tt".equals(doc.rootName());
    }

    private static void checkLanguage(TimedTextDocument doc, String expected, String file, List<Finding> out) {
        String lang = doc.language();
        if (lang == null) {
            out.add(Finding.of(FindingCode.TTML_LANGUAGE_MISSING, file, "tt",
                    "the tt element has no xml:lang; " + expected + " was ordered"));
        } else if (!Bcp47.isWellFormed(lang)) {
            out.add(Finding.of(FindingCode.TTML_LANGUAGE_INVALID, file, "tt",
                    "xml:lang \"" + lang + "\" is not a well-formed BCP 47 tag"));
        } else if (!Bcp47.sameTag(lang, expected)) {
            out.add(Finding.of(FindingCode.TTML_LANGUAGE_MISMATCH, file, "tt",
                    "xml:lang is \"" + lang + "\" but " + expected + " was ordered"
                            + (Bcp47.samePrimaryLanguage(lang, expected)
                            ? " (" + lang + " is not " + expected + ": tags must match exactly)" : "")));
        }
    }

    /** Absolute times of every timed paragraph; problems with its time expressions go to {@code out}. */
    static List<Event> events(TimedTextDocument doc, TimingParameters timing, String file, List<Finding> out) {
        List<Event> events = new ArrayList<>();
        boolean frameRateReported = false;
        for (TimedTextDocument.Paragraph p : doc.paragraphs()) {
            if (p.begin() == null && p.end() == null && p.dur() == null) {
                out.add(Finding.of(FindingCode.TTML_EVENT_UNTIMED, file, p.label(),
                        "the event has no begin, end or dur, so it is never or always shown"));
                continue;
            }
            try {
                boolean frameBased = false;
                Rational offset = Rational.ZERO;
                for (String ancestor : p.ancestorBegins()) {
                    TimeExpression.Parsed a = TimeExpression.parse(ancestor, timing);
                    offset = offset.plus(a.seconds());
                    frameBased |= a.frameBased();
                }
                Rational begin = offset;
                if (p.begin() != null) {
                    TimeExpression.Parsed b = TimeExpression.parse(p.begin(), timing);
                    begin = begin.plus(b.seconds());
                    frameBased |= b.frameBased();
                }
                Rational end = null;
                if (p.end() != null) {
                    TimeExpression.Parsed e = TimeExpression.parse(p.end(), timing);
                    end = offset.plus(e.seconds());
                    frameBased |= e.frameBased();
                }
                if (p.dur() != null) {
                    TimeExpression.Parsed d = TimeExpression.parse(p.dur(), timing);
                    Rational byDuration = begin.plus(d.seconds());
                    end = end == null ? byDuration : end.min(byDuration);
                    frameBased |= d.frameBased();
                }
                if (frameBased && !timing.frameRateSpecified && !frameRateReported) {
                    frameRateReported = true;
                    out.add(Finding.of(FindingCode.TTML_FRAME_RATE_MISSING, file, p.label(),
                            "frame-based time expressions are used but ttp:frameRate is not given, so frames "
                                    + "would be counted at TTML's default of 30 fps"));
                }
                if (end == null) {
                    out.add(Finding.of(FindingCode.TTML_EVENT_UNTIMED, file, p.label(),
                            "the event has a begin but no end or dur"));
                    continue;
                }
                if (!end.isGreaterThan(begin)) {
                    out.add(Finding.of(FindingCode.TTML_TIME_EXPRESSION_INVALID, file, p.label(),
                            "the event ends at " + TimeExpression.format(end) + ", not after it begins at "
                                    + TimeExpression.format(begin)));
                    continue;
                }
                events.add(new Event(p, begin, end));
            } catch (IllegalArgumentException e) {
                out.add(Finding.of(FindingCode.TTML_TIME_EXPRESSION_INVALID, file, p.label(), e.getMessage()));
            }
        }
        return events;
    }

    private static void checkEvents(List<Event> events, TimedTextExpectations expected, Rational frame, String file,
                                    List<Finding> out) {
        ReadingLimits limits = expected.limits();
        Event previous = null;
        for (Event e : events) {
            String element = e.paragraph().label();
            if (previous != null && e.begin().isLessThan(previous.begin())) {
                out.add(Finding.of(FindingCode.TTML_EVENT_OUT_OF_ORDER, file, element,
                        "the event begins at " + TimeExpression.format(e.begin()) + ", before the previous event ("
                                + previous.paragraph().label() + ") at " + TimeExpression.format(previous.begin())));
            }
            previous = e;
            if (expected.runtimeSeconds() != null && e.end().isGreaterThan(expected.runtimeSeconds())) {
                out.add(Finding.of(FindingCode.TTML_EVENT_OUTSIDE_RUNTIME, file, element,
                        "the event ends at " + TimeExpression.format(e.end()) + ", after the programme's runtime of "
                                + TimeExpression.format(expected.runtimeSeconds())));
            }
            Rational duration = e.duration();
            if (duration.isLessThan(limits.minEventDuration())) {
                out.add(Finding.of(FindingCode.TTML_EVENT_TOO_SHORT, file, element,
                        "the event (" + e.span() + ") lasts " + duration.toDecimalString(3) + " s; the minimum is "
                                + limits.minEventDuration() + " s"));
            } else if (duration.isGreaterThan(limits.maxEventDuration())) {
                out.add(Finding.of(FindingCode.TTML_EVENT_TOO_LONG, file, element,
                        "the event (" + e.span() + ") lasts " + duration.toDecimalString(3) + " s; the maximum is "
                                + limits.maxEventDuration() + " s"));
            }
            checkLayout(e, limits, file, out);
        }
        List<Event> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparing(Event::begin));
        Rational minGap = frame.times(limits.minGapFrames());
        for (int i = 1; i < byTime.size(); i++) {
            Event before = byTime.get(i - 1);
            Event after = byTime.get(i);
            Rational gap = after.begin().minus(before.end());
            if (gap.signum() < 0) {
                out.add(Finding.of(FindingCode.TTML_EVENT_OVERLAP, file, after.paragraph().label(),
                        "the event (" + after.span() + ") starts before " + before.paragraph().label() + " ("
                                + before.span() + ") ends"));
            } else if (gap.isLessThan(minGap)) {
                out.add(Finding.of(FindingCode.TTML_EVENT_GAP_TOO_SHORT, file, after.paragraph().label(),
                        "only " + gap.dividedBy(frame).toDecimalString(2) + " frames separate it from "
                                + before.paragraph().label() + "; at least " + limits.minGapFrames()
                                + " frames are required"));
            }
        }
    }

    private static void checkLayout(Event e, ReadingLimits limits, String file, List<Finding> out) {
        String element = e.paragraph().label();
        List<String> lines = e.paragraph().lines();
        if (lines.isEmpty()) {
            out.add(Finding.of(FindingCode.TTML_EVENT_EMPTY, file, element, "the event (" + e.span()
                    + ") has no text"));
            return;
        }
        if (lines.size() > limits.maxLines()) {
            out.add(Finding.of(FindingCode.TTML_TOO_MANY_LINES, file, element,
                    "the event has " + lines.size() + " lines; at most " + limits.maxLines() + " are allowed"));
        }
        for (String line : lines) {
            int length = line.codePointCount(0, line.length());
            if (length > limits.maxCharactersPerLine()) {
                out.add(Finding.of(FindingCode.TTML_LINE_TOO_LONG, file, element,
                        "the line \"" + line + "\" has " + length + " characters; at most "
                                + limits.maxCharactersPerLine() + " are allowed"));
            }
        }
        // characters / duration > limit, compared exactly: characters > limit × duration
        int characters = e.characters();
        if (Rational.of(characters).isGreaterThan(e.duration().times(limits.maxCharactersPerSecond()))) {
            Rational cps = Rational.of(characters).dividedBy(e.duration());
            out.add(Finding.of(FindingCode.TTML_READING_SPEED_TOO_HIGH, file, element,
                    characters + " characters in " + e.duration().toDecimalString(3) + " s is "
                            + cps.toDecimalString(1) + " characters per second; at most "
                            + limits.maxCharactersPerSecond() + " are allowed"));
        }
    }
}
