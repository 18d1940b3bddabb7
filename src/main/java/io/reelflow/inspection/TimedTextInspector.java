package io.reelflow.inspection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Inspects subtitles, SDH and forced narratives delivered as TTML1 / DFXP or IMSC 1.1: document, language,
 * timing parameters, ids, and every event's timing, layout and reading speed against Netflix's style guide; and
 * cross-checks a forced-narrative file against the full subtitles of the same language.
 */
public final class TimedTextInspector {

    public InspectionReport inspect(Path file, TimedTextExpectations expected) {
        String name = file.getFileName().toString();
        FindingSink findings = new FindingSink();
        List<String> notes = new ArrayList<>();
        String subject = (expected.forcedNarrative() ? "Forced narrative " : "Timed text ") + name;
        EventChecks checks = new EventChecks(expected, name, findings);
        TimedTextReader.Summary summary = null;
        try {
            summary = TimedTextReader.read(file, name, XmlLimits.TIMED_TEXT, findings, checks);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(name));
        } catch (Throwable e) { // never an exception because of a file's content
            findings.add(Finding.of(FindingCode.INSPECTION_FAILED, name, checks.lastElement(),
                    "the file could not be inspected to the end: " + Plain.failure(e)));
        }
        TimedTextReader.Root root = checks.root;
        if (root == null) {
            return new InspectionReport(subject, findings.findings(), notes);
        }
        if (!root.isTtml()) {
            return new InspectionReport(subject, List.of(Finding.of(FindingCode.TTML_NAMESPACE_INVALID, name,
                    root.name(), "the root element is <" + root.name() + "> in namespace "
                            + (root.namespace() == null || root.namespace().isEmpty() ? "(none)" : root.namespace())
                            + "; TTML needs <tt> in " + TimedTextReader.TT
                            + " (older DFXP namespaces are not accepted)")), notes);
        }
        checkLanguage(root.language(), expected.language(), name, findings);
        TimedTextRules rules = expected.rules();
        if (rules.imsc11Required() && (root.contentProfiles() == null
                || !List.of(root.contentProfiles().trim().split("\\s+")).contains(TimedTextRules.IMSC11_TEXT))) {
            findings.add(Finding.of(FindingCode.TTML_PROFILE_REQUIRED, name, "tt",
                    "Netflix requires " + expected.language() + " timed text in IMSC 1.1: the tt element must name "
                            + TimedTextRules.IMSC11_TEXT + " in ttp:contentProfiles"));
        }
        if (summary != null && summary.paragraphs() == 0) {
            Finding none = Finding.of(FindingCode.TTML_NO_EVENTS, name, "body", "the file has no subtitle events");
            findings.add(expected.forcedNarrative()
                    ? new Finding(none.code(), Severity.WARNING, name, "body",
                    "the forced-narrative file has no events; confirm the title has no foreign-language text")
                    : none);
        }
        if (expected.runtimeSeconds() == null) {
            notes.add("No runtime given: events were not checked against the programme's end");
        }
        ReadingLimits limits = expected.limits();
        notes.add(checks.count + " events checked against " + limits.maxLines() + " lines of "
                + limits.maxCharactersPerLine() + " characters and " + limits.maxCharactersPerSecond()
                + " characters per second (Netflix's rules for " + rules.tag().replace("*", "any language")
                + (expected.kidsTitle() ? ", kids' title" : "") + (expected.sdh() ? ", SDH" : "") + ")");
        return new InspectionReport(subject, findings.findings(), notes);
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
        Collected forced = new Collected();
        Collected full = new Collected();
        // Timing problems of either file are the single-file inspection's business; here they are only skipped.
        try {
            TimedTextReader.read(forcedFile, forcedName, XmlLimits.TIMED_TEXT, new FindingSink(), forced);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(forcedName));
            return new InspectionReport(subject, findings);
        } catch (Throwable e) {
            findings.add(Finding.of(FindingCode.INSPECTION_FAILED, forcedName, null,
                    "the file could not be read to the end: " + Plain.failure(e)));
            return new InspectionReport(subject, findings);
        }
        try {
            TimedTextReader.read(fullSubtitleFile, fullName, XmlLimits.TIMED_TEXT, new FindingSink(), full);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(fullName));
            return new InspectionReport(subject, findings);
        } catch (Throwable e) {
            findings.add(Finding.of(FindingCode.INSPECTION_FAILED, fullName, null,
                    "the file could not be read to the end: " + Plain.failure(e)));
            return new InspectionReport(subject, findings);
        }
        String forcedLanguage = forced.root == null ? null : forced.root.language();
        String fullLanguage = full.root == null ? null : full.root.language();
        if (forcedLanguage != null && fullLanguage != null && !Bcp47.sameTag(forcedLanguage, fullLanguage)) {
            findings.add(Finding.of(FindingCode.FORCED_LANGUAGE_MISMATCH, forcedName, "tt",
                    "the forced narrative is " + forcedLanguage + " but the full subtitles are " + fullLanguage));
        }
        List<TimedTextReader.Event> fullEvents = new ArrayList<>(full.events);
        fullEvents.sort(Comparator.comparing(TimedTextReader.Event::begin));
        Rational longest = fullEvents.stream().map(TimedTextReader.Event::duration).reduce(Rational.ZERO,
                Rational::max);
        for (TimedTextReader.Event f : forced.events) {
            List<TimedTextReader.Event> overlapping = overlapping(fullEvents, f, longest);
            boolean matched = overlapping.stream().anyMatch(g -> g.comparableText().equals(f.comparableText()));
            if (!matched) {
                String why = overlapping.isEmpty()
                        ? "no event of " + fullName + " overlaps " + f.span()
                        : "the overlapping events of " + fullName + " say "
                        + overlapping.stream().limit(3).map(g -> Plain.quote(g.comparableText())).toList()
                        + " instead";
                findings.add(Finding.of(FindingCode.FORCED_EVENT_NOT_IN_FULL_SUBTITLES, forcedName, f.label(),
                        "forced event " + Plain.quote(f.comparableText()) + " at " + f.span()
                                + " is not in the full subtitles: " + why));
            }
        }
        return new InspectionReport(subject, findings,
                List.of(forced.events.size() + " forced events compared with " + full.events.size()
                        + " full events"));
    }

    /**
     * Events of {@code sorted} (by begin) that overlap {@code f}: a binary search for the first event beginning at
     * or after f's end, then back only as far as the longest event can reach.
     */
    private static List<TimedTextReader.Event> overlapping(List<TimedTextReader.Event> sorted,
                                                           TimedTextReader.Event f, Rational longest) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).begin().isLessThan(f.end())) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Rational earliest = f.begin().minus(longest);
        List<TimedTextReader.Event> out = new ArrayList<>();
        for (int i = lo - 1; i >= 0 && !sorted.get(i).begin().isLessThan(earliest); i--) {
            TimedTextReader.Event g = sorted.get(i);
            if (f.begin().isLessThan(g.end())) {
                out.add(0, g);
            }
        }
        return out;
    }

    /** Events collected for the cross-check. */
    private static final class Collected implements TimedTextReader.Listener {
        TimedTextReader.Root root;
        final List<TimedTextReader.Event> events = new ArrayList<>();

        @Override
        public void root(TimedTextReader.Root r) {
            root = r;
        }

        @Override
        public void event(TimedTextReader.Event e) {
            events.add(e);
        }
    }

    /**
     * The per-event rules, checked as the reader streams events: order and overlap need only the previous event
     * and the latest end so far, so nothing grows with the file.
     */
    private static final class EventChecks implements TimedTextReader.Listener {
        final TimedTextExpectations expected;
        final ReadingLimits limits;
        final String file;
        final FindingSink out;
        TimedTextReader.Root root;
        Rational frame;
        TimedTextReader.Event previous;
        TimedTextReader.Event latestEnding;
        int count;

        EventChecks(TimedTextExpectations expected, String file, FindingSink out) {
            this.expected = expected;
            this.limits = expected.limits();
            this.file = file;
            this.out = out;
        }

        String lastElement() {
            return previous == null ? null : "after " + previous.label();
        }

        @Override
        public void root(TimedTextReader.Root r) {
            root = r;
            TimingParameters timing = r.timing();
            frame = (timing.frameRateSpecified ? timing.effectiveFrameRate() : expected.videoFrameRate()).reciprocal();
        }

        @Override
        public void event(TimedTextReader.Event e) {
            count++;
            String element = e.label();
            boolean outOfOrder = previous != null && e.begin().isLessThan(previous.begin());
            if (outOfOrder) {
                // overlap and gaps are measured along the file's order: an event out of it is reported as such and
                // starts a new run
                out.add(Finding.of(FindingCode.TTML_EVENT_OUT_OF_ORDER, file, element,
                        "the event begins at " + TimeExpression.format(e.begin()) + ", before the previous event ("
                                + previous.label() + ") at " + TimeExpression.format(previous.begin())));
            } else if (latestEnding != null) {
                Rational gap = e.begin().minus(latestEnding.end());
                Rational minGap = frame.times(limits.minGapFrames());
                if (gap.signum() < 0) {
                    out.add(Finding.of(FindingCode.TTML_EVENT_OVERLAP, file, element,
                            "the event (" + e.span() + ") starts before " + latestEnding.label() + " ("
                                    + latestEnding.span() + ") ends"));
                } else if (gap.isLessThan(minGap)) {
                    out.add(Finding.of(FindingCode.TTML_EVENT_GAP_TOO_SHORT, file, element,
                            "only " + gap.dividedBy(frame).toDecimalString(2) + " frames separate it from "
                                    + latestEnding.label() + "; at least " + limits.minGapFrames()
                                    + " frames are required"));
                }
            }
            previous = e;
            if (outOfOrder || latestEnding == null || e.end().isGreaterThan(latestEnding.end())) {
                latestEnding = e;
            }
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
            checkLayout(e);
        }

        private void checkLayout(TimedTextReader.Event e) {
            String element = e.label();
            if (e.lineCount() == 0) {
                out.add(Finding.of(FindingCode.TTML_EVENT_EMPTY, file, element, "the event (" + e.span()
                        + ") has no text"));
                return;
            }
            if (e.lineCount() > limits.maxLines()) {
                out.add(Finding.of(FindingCode.TTML_TOO_MANY_LINES, file, element,
                        "the event has " + e.lineCount() + " lines (separated by br); at most " + limits.maxLines()
                                + " are allowed"));
            }
            long halfUnits = 0;
            // vertical text has its own, shorter limit where the language sets one (Japanese: 11), unless the
            // caller gave limits of its own
            int perLine = e.vertical() && !expected.customLimits()
                    ? expected.rules().verticalCharactersPerLine() : limits.maxCharactersPerLine();
            for (String line : e.lines()) {
                long units = limits.halfUnits(line);
                halfUnits += units;
                if (units > 2L * perLine) {
                    out.add(Finding.of(FindingCode.TTML_LINE_TOO_LONG, file, element,
                            "the " + (e.vertical() ? "vertical " : "") + "line " + Plain.quote(line) + " has "
                                    + characters(units) + " characters; at most " + perLine + " are allowed"
                                    + (limits.halfWidthCountsHalf() ? " (half-width characters count half)" : "")));
                }
            }
            // characters / duration > limit, compared exactly: characters > limit × duration (in half characters)
            if (Rational.of(halfUnits).isGreaterThan(e.duration().times(2L * limits.maxCharactersPerSecond()))) {
                Rational cps = Rational.of(halfUnits, 2).dividedBy(e.duration());
                out.add(Finding.of(FindingCode.TTML_READING_SPEED_TOO_HIGH, file, element,
                        characters(halfUnits) + " characters in " + e.duration().toDecimalString(3) + " s is "
                                + cps.toDecimalString(1) + " characters per second; at most "
                                + limits.maxCharactersPerSecond() + " are allowed"));
            }
        }

        private static String characters(long halfUnits) {
            return halfUnits % 2 == 0 ? String.valueOf(halfUnits / 2) : (halfUnits / 2) + ".5";
        }
    }

    private static void checkLanguage(String lang, String expected, String file, FindingSink out) {
        if (lang == null) {
            out.add(Finding.of(FindingCode.TTML_LANGUAGE_MISSING, file, "tt",
                    "the tt element has no xml:lang; " + expected + " was ordered"));
        } else if (!Bcp47.isWellFormed(lang)) {
            out.add(Finding.of(FindingCode.TTML_LANGUAGE_INVALID, file, "tt",
                    "xml:lang " + Plain.quote(lang) + " is not a well-formed BCP 47 tag"));
        } else if (!Bcp47.sameTag(lang, expected)) {
            out.add(Finding.of(FindingCode.TTML_LANGUAGE_MISMATCH, file, "tt",
                    "xml:lang is \"" + lang + "\" but " + expected + " was ordered"
                            + (Bcp47.samePrimaryLanguage(lang, expected)
                            ? " (" + lang + " is not " + expected + ": tags must match exactly)" : "")));
        }
    }

}
