package io.reelflow.delivery;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;
import java.util.Date;

/**
 * The variables of {@code localization-track}, one instance per required track. The track is {@link #TRACK_ID}
 * (set by the parent's {@code in} mapping, declared by no form), checked to belong to the delivery of the
 * business key's deal and {@link #TITLE_ID}: see {@link ProcessDelivery}.
 */
public final class LocalizationTrackVariables {

    public static final String PROCESS = "localization-track";

    public static final ProcessVariable<Long> TITLE_ID = NetflixDeliveryVariables.TITLE_ID;
    public static final ProcessVariable<Long> TRACK_ID = NetflixDeliveryVariables.TRACK_ID;
    public static final ProcessVariable<String> TITLE_NAME = NetflixDeliveryVariables.TITLE_NAME;
    public static final ProcessVariable<Date> DELIVERY_DUE = NetflixDeliveryVariables.DELIVERY_DUE;
    public static final ProcessVariable<String> TRACK_LABEL = NetflixDeliveryVariables.TRACK_LABEL;
    public static final ProcessVariable<Boolean> TRACK_PASSED = routing("trackPassed", Boolean.class);
    public static final ProcessVariable<String> TRACK_EVENT_ID = routing("trackEventId", String.class);
    public static final ProcessVariable<String> COMPLETED_BY_EVENT = NetflixDeliveryVariables.COMPLETED_BY_EVENT;

    // order-track
    public static final ProcessVariable<String> VENDOR = field("vendor", String.class);
    public static final ProcessVariable<String> PURCHASE_ORDER = NetflixDeliveryVariables.PURCHASE_ORDER;
    public static final ProcessVariable<String> VENDOR_DUE_DATE = field("vendorDueDate", String.class);
    public static final ProcessVariable<String> ORDER_NOTE = NetflixDeliveryVariables.ORDER_NOTE;
    public static final ProcessVariable<String> ORDER_CONTEXT = NetflixDeliveryVariables.ORDER_CONTEXT;
    /** What the vendor must deliver: the file format, the exact language tag, for audio the picture's duration. */
    public static final ProcessVariable<String> TRACK_EXPECTATIONS = display("trackExpectations", String.class);
    // record-track, return-track
    public static final ProcessVariable<String> TRACK_FILE_LOCATION = field("trackFileLocation", String.class);
    public static final ProcessVariable<String> TRACK_DURATION_SECONDS = field("trackDurationSeconds", String.class);
    public static final ProcessVariable<String> TRACK_FINDINGS = display("trackFindingsReport", String.class);
    public static final ProcessVariable<String> RETURN_NOTE = NetflixDeliveryVariables.RETURN_NOTE;
    public static final ProcessVariable<String> FAILED_ACTION = NetflixDeliveryVariables.FAILED_ACTION;
    public static final ProcessVariable<String> WAIVER_REQUEST = NetflixDeliveryVariables.WAIVER_REQUEST;
    // waive-track-findings
    public static final ProcessVariable<String> WAIVER_ASKED = NetflixDeliveryVariables.WAIVER_ASKED;
    public static final ProcessVariable<String> WAIVER_DECISION = NetflixDeliveryVariables.WAIVER_DECISION;
    public static final ProcessVariable<String> WAIVER_NOTE = NetflixDeliveryVariables.WAIVER_NOTE;

    private LocalizationTrackVariables() {
    }
}
