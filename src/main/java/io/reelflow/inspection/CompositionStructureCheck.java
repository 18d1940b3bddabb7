package io.reelflow.inspection;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structure of a composition that needs no order: one main image track, coherent edit rates, valid resource
 * durations, every track as long as the picture (audio that is shorter or longer drifts out of sync or is cut),
 * and track files that the packing list knows.
 */
final class CompositionStructureCheck {

    private CompositionStructureCheck() {
    }

    /**
     * @param packingListAssets every asset of the package's packing lists by normalized id, or null for a lone CPL
     */
    static void check(CompositionPlaylist cpl, Map<String, PackingList.Asset> packingListAssets, List<Finding> out) {
        String file = cpl.file();
        Rational compositionRate = cpl.editRate();
        if (compositionRate == null) {
            out.add(Finding.of(FindingCode.CPL_EDIT_RATE_INVALID, file, "EditRate",
                    cpl.editRateText() == null ? "the composition has no EditRate"
                            : "the composition EditRate '" + cpl.editRateText() + "' is not a positive rational"));
        }
        Set<String> mainImageTracks = cpl.trackIds(CompositionPlaylist.MAIN_IMAGE);
        if (mainImageTracks.isEmpty()) {
            out.add(Finding.of(FindingCode.MAIN_IMAGE_TRACK_MISSING, file, "SequenceList",
                    "the composition has no MainImageSequence, so there is no picture to deliver"));
        } else if (mainImageTracks.size() > 1) {
            out.add(Finding.of(FindingCode.MAIN_IMAGE_TRACK_MULTIPLE, file, "SequenceList",
                    "the composition has " + mainImageTracks.size() + " main image virtual tracks "
                            + mainImageTracks + "; exactly one is allowed"));
        }
        checkResources(cpl, packingListAssets, out);
        if (compositionRate != null && mainImageTracks.size() == 1) {
            checkDurations(cpl, mainImageTracks.iterator().next(), out);
        }
    }

    private static void checkResources(CompositionPlaylist cpl, Map<String, PackingList.Asset> pkl, List<Finding> out) {
        String file = cpl.file();
        Rational compositionRate = cpl.editRate();
        Map<String, Rational> trackRates = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>();
        for (CompositionPlaylist.Segment segment : cpl.segments()) {
            for (CompositionPlaylist.Sequence sequence : segment.sequences()) {
                String track = UrnIds.normalize(sequence.trackId());
                for (CompositionPlaylist.Resource r : sequence.resources()) {
                    String element = sequence.kind() + " Resource " + r.id();
                    Rational rate = r.effectiveEditRate(compositionRate);
                    if (r.editRateText() != null && r.editRate() == null) {
                        out.add(Finding.of(FindingCode.EDIT_RATE_MISMATCH, file, element,
                                "EditRate '" + r.editRateText() + "' is not a positive rational"));
                    }
                    if (rate != null) {
                        boolean mainImage = CompositionPlaylist.MAIN_IMAGE.equals(sequence.kind());
                        if (mainImage && compositionRate != null && !rate.equals(compositionRate)) {
                            out.add(Finding.of(FindingCode.EDIT_RATE_MISMATCH, file, element,
                                    "main image edit rate " + rate + " differs from the composition edit rate "
                                            + compositionRate));
                        }
                        Rational first = trackRates.putIfAbsent(track, rate);
                        if (first != null && !first.equals(rate) && reported.add("track-rate " + track)) {
                            out.add(Finding.of(FindingCode.EDIT_RATE_MISMATCH, file, element,
                                    "edit rate " + rate + " differs from " + first
                                            + " used earlier in the same virtual track " + sequence.trackId()));
                        }
                    }
                    checkDurationFields(r, file, element, out);
                    if (r.trackFileId() != null) {
                        checkDescriptor(cpl, r, rate, element, reported, out);
                        if (pkl != null) {
                            checkAgainstPackingList(r, pkl, file, element, out);
                        }
                    }
                }
            }
        }
    }

    private static void checkDurationFields(CompositionPlaylist.Resource r, String file, String element,
                                            List<Finding> out) {
        if (r.playedEditUnits() == null) {
            out.add(Finding.of(FindingCode.RESOURCE_DURATION_INVALID, file, element,
                    "neither SourceDuration nor IntrinsicDuration is given, so its duration is unknown"));
            return;
        }
        long entry = r.entryPoint() == null ? 0 : r.entryPoint();
        if (r.intrinsicDuration() != null) {
            long source = r.sourceDuration() == null ? r.intrinsicDuration() - entry : r.sourceDuration();
            if (entry > r.intrinsicDuration() || entry + source > r.intrinsicDuration()) {
                out.add(Finding.of(FindingCode.RESOURCE_DURATION_INVALID, file, element,
                        "EntryPoint " + entry + " + SourceDuration " + source + " exceeds IntrinsicDuration "
                                + r.intrinsicDuration() + ": it plays edit units the track file does not have"));
            }
        }
        if (r.repeatCount() != null && r.repeatCount() < 1) {
            out.add(Finding.of(FindingCode.RESOURCE_DURATION_INVALID, file, element,
                    "RepeatCount " + r.repeatCount() + " is less than 1"));
        }
    }

    private static void checkDescriptor(CompositionPlaylist cpl, CompositionPlaylist.Resource r, Rational rate,
                                        String element, Set<String> reported, List<Finding> out) {
        CompositionPlaylist.EssenceDescriptor descriptor = cpl.descriptor(r.sourceEncoding());
        if (descriptor == null) {
            out.add(Finding.of(FindingCode.ESSENCE_DESCRIPTOR_MISSING, cpl.file(), element,
                    r.sourceEncoding() == null ? "the resource has no SourceEncoding"
                            : "SourceEncoding " + r.sourceEncoding() + " names no EssenceDescriptor of the CPL"));
            return;
        }
        String sampleRateText = descriptor.property("SampleRate");
        Rational sampleRate = CompositionPlaylistReader.parseRate(sampleRateText);
        boolean interlaced = "SeparateFields".equals(descriptor.property("FrameLayout"))
                || "MixedFields".equals(descriptor.property("FrameLayout"));
        if (interlaced && rate != null && sampleRate != null && sampleRate.equals(rate.times(2))) {
            return; // field rate against frame rate: the interlacing itself is the finding (PICTURE_NOT_PROGRESSIVE)
        }
        if (rate != null && sampleRate != null && !sampleRate.equals(rate)
                && reported.add("descriptor-rate " + descriptor.id() + " " + rate)) {
            out.add(Finding.of(FindingCode.EDIT_RATE_MISMATCH, cpl.file(), element,
                    "the resource plays at edit rate " + rate + " but its essence descriptor " + descriptor.id()
                            + " (" + descriptor.kind() + ") has SampleRate " + sampleRate));
        }
    }

    private static void checkAgainstPackingList(CompositionPlaylist.Resource r, Map<String, PackingList.Asset> pkl,
                                                String file, String element, List<Finding> out) {
        PackingList.Asset asset = pkl.get(UrnIds.normalize(r.trackFileId()));
        if (asset == null) {
            out.add(Finding.of(FindingCode.TRACK_FILE_NOT_IN_PKL, file, element,
                    "TrackFileId " + r.trackFileId() + " is not in the packing list, so the track file is not "
                            + "part of the delivery"));
        } else if (r.hash() != null && asset.hash() != null && !r.hash().equals(asset.hash())) {
            out.add(Finding.of(FindingCode.CPL_HASH_MISMATCH, file, element,
                    "the CPL gives hash " + r.hash() + " for track file " + r.trackFileId()
                            + " but the packing list gives " + asset.hash()));
        }
    }

    /** Every virtual track must last as long as the main image track, in total and in every segment. */
    private static void checkDurations(CompositionPlaylist cpl, String mainTrack, List<Finding> out) {
        Rational compositionRate = cpl.editRate();
        Map<String, TrackTiming> tracks = new LinkedHashMap<>();
        for (int s = 0; s < cpl.segments().size(); s++) {
            for (CompositionPlaylist.Sequence sequence : cpl.segments().get(s).sequences()) {
                String track = UrnIds.normalize(sequence.trackId());
                TrackTiming timing = tracks.computeIfAbsent(track,
                        t -> new TrackTiming(sequence.kind(), sequence.trackId(), cpl.segments().size()));
                for (CompositionPlaylist.Resource r : sequence.resources()) {
                    Rational rate = r.effectiveEditRate(compositionRate);
                    Long units = r.playedEditUnits();
                    if (rate == null || units == null) {
                        timing.unknown = true; // already reported by the resource checks
                        continue;
                    }
                    if (timing.rate == null) {
                        timing.rate = rate;
                    }
                    Rational seconds = Rational.of(units).dividedBy(rate);
                    timing.total = timing.total.plus(seconds);
                    timing.perSegment[s] = timing.perSegment[s].plus(seconds);
                }
            }
        }
        TrackTiming main = tracks.get(mainTrack);
        if (main == null || main.unknown) {
            return;
        }
        for (Map.Entry<String, TrackTiming> e : tracks.entrySet()) {
            TrackTiming track = e.getValue();
            if (e.getKey().equals(mainTrack) || track.unknown || track.rate == null) {
                continue;
            }
            if (!sameWithinOneEditUnit(track.total, main.total, track.rate)) {
                out.add(Finding.of(FindingCode.TRACK_DURATION_MISMATCH, cpl.file(),
                        track.kind + " " + track.trackId, describeMismatch(track, main, compositionRate)));
                continue;
            }
            for (int s = 0; s < main.perSegment.length; s++) {
                if (!sameWithinOneEditUnit(track.perSegment[s], main.perSegment[s], track.rate)) {
                    out.add(Finding.of(FindingCode.SEGMENT_DURATION_MISMATCH, cpl.file(),
                            track.kind + " " + track.trackId,
                            "in segment " + (s + 1) + " (" + cpl.segments().get(s).id() + ") the track lasts "
                                    + seconds(track.perSegment[s]) + " but the main image lasts "
                                    + seconds(main.perSegment[s])
                                    + "; the totals agree, so the track is out of sync in between"));
                    break;
                }
            }
        }
    }

    /**
     * Equal, or closer than one edit unit of the track when the picture's length cannot be written exactly in the
     * track's edit units (e.g. an odd number of 30000/1001 frames in 48 kHz samples).
     */
    private static boolean sameWithinOneEditUnit(Rational trackSeconds, Rational mainSeconds, Rational trackRate) {
        Rational diff = trackSeconds.minus(mainSeconds).abs();
        if (diff.signum() == 0) {
            return true;
        }
        boolean mainRepresentable = mainSeconds.times(trackRate).isInteger();
        return !mainRepresentable && diff.isLessThan(trackRate.reciprocal());
    }

    private static String describeMismatch(TrackTiming track, TrackTiming main, Rational compositionRate) {
        Rational diff = track.total.minus(main.total);
        Rational frames = diff.abs().times(compositionRate);
        return track.kind + " lasts " + seconds(track.total) + " (" + track.total.times(track.rate)
                + " edit units at " + track.rate + ") but the main image lasts " + seconds(main.total) + " ("
                + main.total.times(main.rate) + " frames at " + main.rate + "): it is "
                + seconds(diff.abs()) + " (" + frames.toDecimalString(2) + " frames) "
                + (diff.signum() < 0 ? "shorter" : "longer")
                + ", so it would end early or drift out of sync with the picture";
    }

    private static String seconds(Rational r) {
        return r.toDecimalString(6) + " s";
    }

    private static final class TrackTiming {
        final String kind;
        final String trackId;
        final Rational[] perSegment;
        Rational total = Rational.ZERO;
        Rational rate;
        boolean unknown;

        TrackTiming(String kind, String trackId, int segments) {
            this.kind = kind;
            this.trackId = trackId;
            this.perSegment = new Rational[segments];
            Arrays.fill(perSegment, Rational.ZERO);
        }
    }
}
