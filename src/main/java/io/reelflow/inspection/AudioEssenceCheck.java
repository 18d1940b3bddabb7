package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Main audio tracks: language tags present and well-formed (always); against the order, enough channels, Atmos
 * when ordered and a track in the original language.
 */
final class AudioEssenceCheck {

    /** RFC5646SpokenLanguage is ST 377-4's name; RFC5646AudioLanguageCode is the name older CPLs use. */
    static final List<String> LANGUAGE_PROPERTIES = List.of("RFC5646SpokenLanguage", "RFC5646AudioLanguageCode");

    private AudioEssenceCheck() {
    }

    /** What one main audio virtual track declares. */
    record AudioTrack(String trackId, int maxChannels, Set<String> languages) {
    }

    static List<AudioTrack> mainAudioTracks(CompositionPlaylist cpl) {
        Map<String, List<CompositionPlaylist.EssenceDescriptor>> byTrack = new LinkedHashMap<>();
        Map<String, String> trackIds = new LinkedHashMap<>();
        for (CompositionPlaylist.Sequence s : cpl.sequences(CompositionPlaylist.MAIN_AUDIO)) {
            String key = UrnIds.normalize(s.trackId());
            trackIds.putIfAbsent(key, s.trackId());
            List<CompositionPlaylist.EssenceDescriptor> list = byTrack.computeIfAbsent(key, k -> new ArrayList<>());
            for (CompositionPlaylist.Resource r : s.resources()) {
                CompositionPlaylist.EssenceDescriptor d = cpl.descriptor(r.sourceEncoding());
                if (d != null && !list.contains(d)) {
                    list.add(d);
                }
            }
        }
        List<AudioTrack> tracks = new ArrayList<>();
        byTrack.forEach((key, descriptors) -> {
            int channels = 0;
            Set<String> languages = new LinkedHashSet<>();
            for (CompositionPlaylist.EssenceDescriptor d : descriptors) {
                try {
                    channels = Math.max(channels, Integer.parseInt(String.valueOf(d.property("ChannelCount"))));
                } catch (NumberFormatException e) {
                    // no usable ChannelCount: counts as 0 channels
                }
                for (String property : LANGUAGE_PROPERTIES) {
                    languages.addAll(d.descendantTexts(property));
                }
            }
            tracks.add(new AudioTrack(trackIds.get(key), channels, languages));
        });
        return tracks;
    }

    static void checkLanguages(CompositionPlaylist cpl, List<Finding> out) {
        for (AudioTrack track : mainAudioTracks(cpl)) {
            String element = CompositionPlaylist.MAIN_AUDIO + " " + track.trackId();
            if (track.languages().isEmpty()) {
                out.add(Finding.of(FindingCode.AUDIO_LANGUAGE_MISSING, cpl.file(), element,
                        "no RFC5646SpokenLanguage in the track's audio descriptor, so its language is unknown"));
            }
            for (String tag : track.languages()) {
                if (!Bcp47.isWellFormed(tag)) {
                    out.add(Finding.of(FindingCode.AUDIO_LANGUAGE_INVALID, cpl.file(), element,
                            "spoken language '" + tag + "' is not a well-formed BCP 47 tag"));
                }
            }
        }
    }

    static void checkOrder(CompositionPlaylist cpl, DeliveryOrder order, List<Finding> out) {
        List<AudioTrack> tracks = mainAudioTracks(cpl);
        boolean atmos = !cpl.sequences(CompositionPlaylist.IAB).isEmpty();
        if (atmos) {
            // With Atmos (IAB) Netflix asks for 0 or 1 5.1 track: an IAB-only composition is complete.
            Map<String, Integer> surroundPerLanguage = new LinkedHashMap<>();
            for (AudioTrack t : tracks) {
                if (t.maxChannels() == DeliveryOrder.SURROUND_5_1) {
                    String language = t.languages().isEmpty() ? "(untagged)"
                            : t.languages().iterator().next().toLowerCase(java.util.Locale.ROOT);
                    surroundPerLanguage.merge(language, 1, Integer::sum);
                }
            }
            surroundPerLanguage.forEach((language, n) -> {
                if (n > 1) {
                    out.add(Finding.of(FindingCode.AUDIO_LAYOUT_NOT_ALLOWED, cpl.file(), "MainAudioSequence",
                            "the composition carries Atmos (IAB) and " + n + " 5.1 tracks in " + language
                                    + "; with Atmos Netflix accepts 0 or 1 5.1 track per language"));
                }
            });
        }
        if (tracks.isEmpty() && atmos) {
            // nothing more to check on main audio
        } else if (tracks.isEmpty()) {
            out.add(Finding.of(FindingCode.MAIN_AUDIO_TRACK_MISSING, cpl.file(), "SequenceList",
                    "the composition has no MainAudioSequence"));
        } else {
            int widest = tracks.stream().mapToInt(AudioTrack::maxChannels).max().orElse(0);
            if (widest < order.minimumAudioChannels() && !atmos) {
                out.add(Finding.of(FindingCode.AUDIO_CHANNELS_INSUFFICIENT, cpl.file(), "MainAudioSequence",
                        "the widest main audio track has " + channels(widest) + "; the order requires at least "
                                + channels(order.minimumAudioChannels())));
            }
        }
        if (order.atmosRequired() && cpl.sequences(CompositionPlaylist.IAB).isEmpty()) {
            out.add(Finding.of(FindingCode.ATMOS_MISSING, cpl.file(), "SequenceList",
                    "the order requires Atmos but the composition has no IABSequence (SMPTE ST 2067-201)"));
        }
        String original = order.originalLanguage();
        if (original != null && !tracks.isEmpty()) {
            Set<String> found = new LinkedHashSet<>();
            tracks.forEach(t -> found.addAll(t.languages()));
            boolean present = found.stream().anyMatch(tag -> Bcp47.sameTag(tag, original));
            if (!present) {
                String near = found.stream().filter(tag -> Bcp47.samePrimaryLanguage(tag, original)).findFirst()
                        .map(tag -> " (" + tag + " is not " + original + ": tags must match exactly)").orElse("");
                out.add(Finding.of(FindingCode.AUDIO_ORIGINAL_LANGUAGE_MISSING, cpl.file(), "MainAudioSequence",
                        "no main audio track is in the original language " + original + "; found "
                                + (found.isEmpty() ? "no language tags" : String.join(", ", found)) + near));
            }
        }
    }

    private static String channels(int n) {
        String layout = switch (n) {
            case 1 -> " (mono)";
            case 2 -> " (stereo)";
            case 6 -> " (5.1)";
            case 8 -> " (7.1)";
            default -> "";
        };
        return n + " channel" + (n == 1 ? "" : "s") + layout;
    }
}
