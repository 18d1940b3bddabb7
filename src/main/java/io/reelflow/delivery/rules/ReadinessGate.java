package io.reelflow.delivery.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The readiness gate of a title's delivery, before it is uploaded to Netflix: the IMF package accepted, every required
 * track accepted with exactly the language the deal asked for (the completeness check's errors, given), and no dub or
 * audio description more than one frame longer or shorter than the picture (such a track goes back to its vendor).
 * Plain Java: the caller reads the records and runs the inspection library; this decides.
 */
public final class ReadinessGate {

    private ReadinessGate() {
    }

    /**
     * One track of the delivery.
     *
     * @param seconds its measured length, null when unknown (timed text, or not measured)
     */
    public record Track(long id, String label, boolean audio, String status, BigDecimal seconds, String fileLocation) {

        boolean accepted() {
            return "ACCEPTED".equals(status);
        }
    }

    /**
     * The picture of the accepted package: its length in seconds as an exact fraction, its edit rate (frames per
     * second, a fraction too: 24000/1001) and how the length is written for people.
     */
    public record Picture(BigInteger secondsNumerator, BigInteger secondsDenominator, BigInteger editRateNumerator,
                          BigInteger editRateDenominator, String lengthLabel) {
    }

    /** A track that must go back to its vendor, with why. */
    public record Rework(long trackId, String findings) {
    }

    /**
     * @param missing   what stands between the delivery and the upload, one line each; empty when ready
     * @param rework    the audio tracks out of sync with the picture
     * @param checklist what the coordinator uploads: the Backlot title, the package, each track's file, source requests
     */
    public record Verdict(List<String> missing, List<Rework> rework, String checklist) {

        public boolean ready() {
            return missing.isEmpty();
        }
    }

    /** What a delivery that is not ready orders again: the package unless it passed, the tracks sent back. */
    public record Reorder(boolean packageNeeded, boolean tracksPending) {
    }

    /**
     * What to order again for a delivery that is not ready. Nothing to order would send it round for ever: refused,
     * with what is missing, so that the step stops with an incident that says why.
     */
    public static Reorder reorder(long deliveryId, String packageStatus, boolean tracksSentBack, String missing) {
        boolean packageNeeded = !"ACCEPTED".equals(packageStatus);
        if (!packageNeeded && !tracksSentBack) {
            throw new IllegalStateException("delivery " + deliveryId + " is not complete and nothing can be re-ordered: " + missing);
        }
        return new Reorder(packageNeeded, tracksSentBack);
    }

    /**
     * @param packageStatus      the IMF package's status ({@code ACCEPTED} when it passed)
     * @param picture            null when no package composition could be read
     * @param completenessErrors the completeness check's errors, each as "element: message"
     */
    public static Verdict decide(String packageStatus, String packageLocation, String backlotTitleId, String sourceRequests,
                                 List<Track> tracks, Picture picture, List<String> completenessErrors) {
        List<String> missing = new ArrayList<>();
        if (!"ACCEPTED".equals(packageStatus)) {
            missing.add("IMF package (" + String.valueOf(packageStatus).toLowerCase().replace('_', ' ') + ")");
        }
        missing.addAll(completenessErrors);
        List<Rework> rework = new ArrayList<>();
        if (picture != null) {
            for (Track t : tracks) {
                if (!t.audio() || !t.accepted() || t.seconds() == null) continue;
                if (moreThanOneFrameApart(t.seconds(), picture)) {
                    rework.add(new Rework(t.id(), t.label() + " lasts " + t.seconds().toPlainString() + " s but the picture lasts "
                            + picture.lengthLabel() + ": more than one frame apart, back to the vendor"));
                }
            }
        }
        StringBuilder checklist = new StringBuilder();
        checklist.append("Backlot title ").append(backlotTitleId).append('\n');
        checklist.append("IMF package ").append(packageLocation).append('\n');
        tracks.forEach(t -> checklist.append(t.label()).append(": ").append(t.fileLocation()).append('\n'));
        if (sourceRequests != null) checklist.append("Source requests:\n").append(sourceRequests);
        return new Verdict(List.copyOf(missing), List.copyOf(rework), checklist.toString().strip());
    }

    /** |seconds − n/d| > 1 frame (= rateDen/rateNum s), exactly: |seconds·d − n|·rateNum > rateDen·d. */
    static boolean moreThanOneFrameApart(BigDecimal seconds, Picture p) {
        BigDecimal d = new BigDecimal(p.secondsDenominator());
        BigDecimal apart = seconds.multiply(d).subtract(new BigDecimal(p.secondsNumerator())).abs();
        return apart.multiply(new BigDecimal(p.editRateNumerator())).compareTo(new BigDecimal(p.editRateDenominator()).multiply(d)) > 0;
    }
}
