package io.reelflow.inspection;

import static io.reelflow.inspection.Severity.ERROR;
import static io.reelflow.inspection.Severity.WARNING;

/**
 * Every finding the inspection can report. The constant's name is the stable code that the workflow, the JSON
 * report and docs/inspection.md use; never rename one, add a new one instead.
 */
public enum FindingCode {

    // --- any XML document
    XML_MALFORMED(ERROR, "XML not well-formed"),
    XML_DOCTYPE_FORBIDDEN(ERROR, "XML with a DOCTYPE (refused for security)"),
    NAMESPACE_UNSUPPORTED(ERROR, "document not in a supported SMPTE namespace"),
    FILE_TOO_LARGE(ERROR, "file larger than its kind allows (not read)"),
    XML_LIMIT_EXCEEDED(ERROR, "XML nested too deeply or with too many elements"),
    INSPECTION_FAILED(ERROR, "file could not be inspected"),

    // --- IMF package: ASSETMAP / PKL / files
    ASSETMAP_MISSING(ERROR, "no ASSETMAP.xml"),
    PKL_MISSING(ERROR, "no packing list"),
    CPL_MISSING(ERROR, "no composition playlist"),
    ASSET_PATH_INVALID(ERROR, "ASSETMAP path outside the package"),
    ASSET_SYMLINK(ERROR, "symbolic link in the package (never followed)"),
    ASSET_FILE_MISSING(ERROR, "asset file missing"),
    ASSET_NOT_IN_ASSETMAP(ERROR, "packing-list asset not located by the ASSETMAP"),
    ASSET_NOT_IN_PKL(WARNING, "ASSETMAP asset not in any packing list"),
    ASSET_SIZE_MISMATCH(ERROR, "asset size differs from the packing list"),
    ASSET_HASH_MISMATCH(ERROR, "asset SHA-1 differs from the packing list"),
    ASSET_HASH_MISSING(ERROR, "packing-list asset without a hash"),
    HASH_ALGORITHM_UNSUPPORTED(WARNING, "hash algorithm not supported, asset not verified"),
    ASSET_UNREADABLE(ERROR, "asset file unreadable"),
    UNREFERENCED_FILE(WARNING, "file not named by the ASSETMAP"),
    REQUIRED_ELEMENT_MISSING(ERROR, "document lacks an element its SMPTE schema requires"),
    DOCUMENT_ID_MISMATCH(ERROR, "document Id differs from the ASSETMAP's"),
    PKL_TYPE_MISMATCH(ERROR, "packing-list Type does not match the file"),
    VOLUME_INDEX_INVALID(ERROR, "ASSETMAP VolumeCount or VolumeIndex invalid"),
    SCHEMA_ELEMENT_MISSING(ERROR, "element its SMPTE XML schema requires is missing"),
    SCHEMA_ELEMENT_UNEXPECTED(ERROR, "element its SMPTE XML schema does not allow there"),
    SCHEMA_VALUE_INVALID(ERROR, "value not of the form its SMPTE XML schema requires"),
    SCHEMA_ATTRIBUTE_INVALID(ERROR, "attribute missing or not allowed by its SMPTE XML schema"),
    SCHEMA_INVALID(ERROR, "document breaks its SMPTE XML schema"),

    // --- composition playlist structure
    CPL_EDIT_RATE_INVALID(ERROR, "composition edit rate missing or invalid"),
    MAIN_IMAGE_TRACK_MISSING(ERROR, "no main image track"),
    MAIN_IMAGE_TRACK_MULTIPLE(ERROR, "more than one main image track"),
    EDIT_RATE_MISMATCH(ERROR, "inconsistent edit rates"),
    RESOURCE_DURATION_INVALID(ERROR, "resource durations invalid"),
    TRACK_DURATION_MISMATCH(ERROR, "track duration differs from the picture (sync)"),
    SEGMENT_DURATION_MISMATCH(ERROR, "segment durations differ between tracks (sync)"),
    TRACK_FILE_NOT_IN_PKL(ERROR, "track file not in the packing list"),
    CPL_HASH_MISMATCH(ERROR, "CPL resource hash differs from the packing list"),
    ESSENCE_DESCRIPTOR_MISSING(ERROR, "essence descriptor missing"),
    PICTURE_DESCRIPTOR_UNRECOGNIZED(ERROR, "picture essence descriptor unrecognized"),
    COLOR_PRIMARIES_UNKNOWN(ERROR, "unknown colour primaries UL"),
    TRANSFER_CHARACTERISTIC_UNKNOWN(ERROR, "unknown transfer characteristic UL"),
    CODING_EQUATIONS_UNKNOWN(ERROR, "unknown coding equations UL"),
    AUDIO_LANGUAGE_MISSING(WARNING, "audio track without a spoken-language tag"),
    AUDIO_LANGUAGE_INVALID(ERROR, "audio language tag not valid BCP 47"),

    // --- track files (MXF header metadata, SMPTE ST 377-1)
    MXF_NOT_MXF(ERROR, "track file is not an MXF file"),
    MXF_HEADER_TRUNCATED(ERROR, "track file's MXF header is truncated"),
    MXF_HEADER_CORRUPT(ERROR, "track file's MXF header is corrupt"),
    MXF_HEADER_TOO_LARGE(ERROR, "track file's MXF header is implausibly large (not read)"),
    MXF_DESCRIPTOR_MISSING(ERROR, "track file has no essence descriptor"),
    TRACK_FILE_DURATION_MISMATCH(ERROR, "resource longer than its track file"),
    ESSENCE_DESCRIPTOR_MISMATCH(ERROR, "CPL essence descriptor differs from the track file's"),

    // --- SMPTE ST 2067-21 (App 2E) and core constraints
    APPLICATION_ID_MISSING(ERROR, "CPL without ApplicationIdentification"),
    APPLICATION_ID_UNSUPPORTED(ERROR, "application not App 2E"),
    PICTURE_NOT_PROGRESSIVE(ERROR, "picture not progressive"),
    RESOLUTION_NOT_ALLOWED(ERROR, "picture size not allowed by App 2E or its JPEG 2000 profile"),
    J2K_PROFILE_NOT_ALLOWED(ERROR, "JPEG 2000 profile not allowed by App 2E"),
    COLOR_COMBINATION_NOT_ALLOWED(ERROR, "colour combination not one of COLOR.1 to COLOR.7"),
    COMPONENT_DEPTH_NOT_ALLOWED(ERROR, "component depth not allowed for the colour combination"),
    SAMPLING_NOT_ALLOWED(ERROR, "chroma sampling not allowed"),
    ESSENCE_NOT_HOMOGENEOUS(ERROR, "image or audio format changes between resources"),
    AUDIO_FORMAT_NOT_ALLOWED(ERROR, "audio sample rate or bit depth not allowed"),
    AUDIO_CHANNEL_LABELS_INVALID(ERROR, "audio channel labels (MCA) missing or inconsistent"),
    AUDIO_NOT_CLIP_WRAPPED(ERROR, "WAVE audio not clip-wrapped as the IMF core constraints require"),
    AUDIO_CHANNEL_ASSIGNMENT_INVALID(ERROR, "WAVE ChannelAssignment is not ST 377-4 MCA labelling"),
    AUDIO_SOUNDFIELD_METADATA_MISSING(WARNING, "soundfield group label without MCATitle, version or content kinds"),
    AUDIO_LAYOUT_NOT_ALLOWED(ERROR, "audio layout not accepted with Atmos"),
    LOUDNESS_OUT_OF_RANGE(WARNING, "loudness outside Netflix's targets (dialogue-gated and full-programme)"),
    DIALOGUE_LOUDNESS_OUT_OF_RANGE(WARNING, "dialogue-gated loudness outside Netflix's −27 LKFS ± 2 LU"),
    TRUE_PEAK_TOO_HIGH(ERROR, "true peak above −2 dBTP"),
    LOUDNESS_NOT_MEASURED(WARNING, "loudness not measured: the inspection's time budget for it was spent"),

    // --- composition against the deal's order
    RESOLUTION_MISMATCH(ERROR, "picture resolution differs from the order"),
    FRAME_RATE_NOT_ALLOWED(ERROR, "frame rate not allowed by the order"),
    COLOR_METADATA_MISSING(ERROR, "colour metadata missing"),
    COLOR_PRIMARIES_MISMATCH(ERROR, "colour primaries differ from the order"),
    TRANSFER_CHARACTERISTIC_MISMATCH(ERROR, "transfer characteristic differs from the order"),
    CODING_EQUATIONS_MISMATCH(ERROR, "coding equations differ from the order"),
    MASTERING_DISPLAY_METADATA_MISSING(ERROR, "HDR mastering display metadata missing"),
    DOLBY_VISION_METADATA_MISSING(WARNING, "no Dolby Vision metadata track"),
    MAIN_AUDIO_TRACK_MISSING(ERROR, "no main audio track"),
    AUDIO_CHANNELS_INSUFFICIENT(ERROR, "too few audio channels"),
    ATMOS_MISSING(ERROR, "Atmos (IAB) track missing"),
    AUDIO_ORIGINAL_LANGUAGE_MISSING(ERROR, "no audio in the original language"),

    // --- timed text
    TTML_NAMESPACE_INVALID(ERROR, "not a TTML document"),
    TTML_ENCODING_INVALID(ERROR, "timed text not in UTF-8"),
    TTML_PROFILE_REQUIRED(ERROR, "IMSC 1.1 text profile required for the language"),
    TTML_LANGUAGE_MISSING(ERROR, "xml:lang missing on tt"),
    TTML_LANGUAGE_INVALID(ERROR, "xml:lang not valid BCP 47"),
    TTML_LANGUAGE_MISMATCH(ERROR, "xml:lang differs from the requested language"),
    TTML_TIMING_ATTRIBUTE_INVALID(ERROR, "invalid ttp: timing attribute"),
    TTML_TIME_BASE_UNSUPPORTED(ERROR, "time base not media"),
    TTML_FRAME_RATE_MISSING(ERROR, "frame-based times without ttp:frameRate"),
    TTML_TIMING_INCONSISTENT(ERROR, "inconsistent ttp: timing attributes"),
    TTML_TIME_EXPRESSION_INVALID(ERROR, "invalid time expression"),
    TTML_TICK_RATE_MISSING(ERROR, "tick times without ttp:tickRate"),
    TTML_STYLE_REFERENCE_INVALID(ERROR, "style reference unresolved or circular"),
    TTML_REGION_REFERENCE_INVALID(ERROR, "region reference unresolved"),
    TTML_REGION_OUTSIDE_ROOT(ERROR, "region outside the root container"),
    TTML_DUPLICATE_ID(ERROR, "duplicate xml:id"),
    TTML_NO_EVENTS(ERROR, "no subtitle events"),
    TTML_EVENT_UNTIMED(ERROR, "subtitle event without timing"),
    TTML_EVENT_EMPTY(WARNING, "subtitle event without text"),
    TTML_EVENT_NEVER_SHOWN(WARNING, "subtitle event never shown (clipped away by its container or region)"),
    TTML_EVENT_OUTSIDE_RUNTIME(ERROR, "subtitle event outside the runtime"),
    TTML_EVENT_OUT_OF_ORDER(ERROR, "subtitle events out of order"),
    TTML_EVENT_OVERLAP(ERROR, "overlapping subtitle events"),
    TTML_EVENT_GAP_TOO_SHORT(ERROR, "gap between events under 2 frames"),
    TTML_EVENT_TOO_SHORT(ERROR, "subtitle event under 5/6 s"),
    TTML_EVENT_TOO_LONG(ERROR, "subtitle event over 7 s"),
    TTML_TOO_MANY_LINES(ERROR, "too many lines"),
    TTML_LINE_TOO_LONG(ERROR, "line over the character limit"),
    TTML_READING_SPEED_TOO_HIGH(ERROR, "reading speed over the limit"),
    FORCED_EVENT_NOT_IN_FULL_SUBTITLES(ERROR, "forced event missing from the full subtitles"),
    FORCED_LANGUAGE_MISMATCH(ERROR, "forced and full subtitles in different languages"),

    // --- completeness of the deal's deliverables
    REQUIRED_TRACK_MISSING(ERROR, "required track missing"),
    TRACK_LANGUAGE_INVALID(ERROR, "track language tag not valid BCP 47"),
    AUDIO_DURATION_MISMATCH(ERROR, "dub/AD duration differs from the composition"),
    AUDIO_DURATION_UNKNOWN(WARNING, "dub/AD duration not known");

    private final Severity defaultSeverity;
    private final String label;

    FindingCode(Severity defaultSeverity, String label) {
        this.defaultSeverity = defaultSeverity;
        this.label = label;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** A short phrase for the plain-English summary. */
    public String label() {
        return label;
    }
}
