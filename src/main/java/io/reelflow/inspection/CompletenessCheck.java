package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Whether everything the deal requires has been accepted: every (kind, language) with the EXACT BCP 47 tag
 * ("pt" does not satisfy "pt-BR"; only letter case is ignored), and dubs and audio description lasting as long as
 * the composition, within one frame.
 */
public final class CompletenessCheck {

    private CompletenessCheck() {
    }

    /**
     * @param required            the deal's required deliverables
     * @param accepted            what has been accepted so far
     * @param compositionDuration the picture's duration
     * @param compositionEditRate the composition's frame rate, which sets the one-frame tolerance
     */
    public static List<Finding> check(Collection<RequiredTrack> required, Collection<AcceptedTrack> accepted,
                                      MediaDuration compositionDuration, Rational compositionEditRate) {
        List<Finding> findings = new ArrayList<>();
        Rational oneFrame = compositionEditRate.reciprocal();
        for (AcceptedTrack a : accepted) {
            if (!Bcp47.isWellFormed(a.languageTag())) {
                findings.add(Finding.of(FindingCode.TRACK_LANGUAGE_INVALID, null, label(a.kind(), a.languageTag()),
                        "accepted " + a.kind() + " tag \"" + a.languageTag() + "\" is not a well-formed BCP 47 tag"));
            }
        }
        for (RequiredTrack r : required) {
            String element = label(r.kind(), r.languageTag());
            if (!Bcp47.isWellFormed(r.languageTag())) {
                findings.add(Finding.of(FindingCode.TRACK_LANGUAGE_INVALID, null, element,
                        "required " + r.kind() + " tag \"" + r.languageTag() + "\" is not a well-formed BCP 47 tag"));
                continue;
            }
            List<AcceptedTrack> matches = accepted.stream()
                    .filter(a -> a.kind() == r.kind() && Bcp47.sameTag(a.languageTag(), r.languageTag())).toList();
            if (matches.isEmpty()) {
                Optional<AcceptedTrack> near = accepted.stream()
                        .filter(a -> a.kind() == r.kind() && Bcp47.samePrimaryLanguage(a.languageTag(), r.languageTag()))
                        .findFirst();
                findings.add(Finding.of(FindingCode.REQUIRED_TRACK_MISSING, null, element,
                        "no " + r.kind() + " in " + r.languageTag() + " has been accepted"
                                + near.map(a -> " (" + a.languageTag() + " was, but it is not " + r.languageTag()
                                + ": tags must match exactly)").orElse("")));
                continue;
            }
            if (r.kind().isAudio()) {
                checkAudioDuration(r, matches, compositionDuration, oneFrame, compositionEditRate, findings);
            }
        }
        return findings;
    }

    private static void checkAudioDuration(RequiredTrack r, List<AcceptedTrack> matches, MediaDuration composition,
                                           Rational oneFrame, Rational editRate, List<Finding> findings) {
        String element = label(r.kind(), r.languageTag());
        List<AcceptedTrack> timed = matches.stream().filter(a -> a.audioDuration() != null).toList();
        if (timed.isEmpty()) {
            findings.add(Finding.of(FindingCode.AUDIO_DURATION_UNKNOWN, null, element,
                    "the accepted " + r.kind() + " in " + r.languageTag() + " has no known duration, so its sync "
                            + "with the picture was not checked"));
            return;
        }
        for (AcceptedTrack a : timed) {
            Rational diff = a.audioDuration().seconds().minus(composition.seconds());
            if (diff.abs().isGreaterThan(oneFrame)) {
                findings.add(Finding.of(FindingCode.AUDIO_DURATION_MISMATCH, null, element,
                        "the " + r.kind() + " in " + a.languageTag() + " lasts " + a.audioDuration()
                                + " but the composition lasts " + composition + ": "
                                + diff.abs().times(editRate).toDecimalString(2) + " frames "
                                + (diff.signum() < 0 ? "short" : "long") + " (at most 1 frame is allowed)"));
            }
        }
    }

    private static String label(TrackKind kind, String tag) {
        return kind + " " + tag;
    }
}
