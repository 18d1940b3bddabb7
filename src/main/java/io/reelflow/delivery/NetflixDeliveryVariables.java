package io.reelflow.delivery;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;
import java.util.Date;

/**
 * The variables of {@code netflix-delivery}, one instance per title of a deal. The delivery is found from the
 * business key (the CRM deal id) and {@link #TITLE_ID} (set by the parent's {@code in} mapping, declared by no
 * form, checked against the deal): see {@link ProcessDelivery}. The Backlot task's due date and escalation are
 * transient (read where they are set); the routing flags are first set when the Backlot setup is recorded.
 */
public final class NetflixDeliveryVariables {

    public static final String PROCESS = "netflix-delivery";

    // set-up-backlot, backlot-setup-overdue
    public static final ProcessVariable<String> CRM_DEAL_ID = display("crmDealId", String.class);
    public static final ProcessVariable<Long> TITLE_ID = routing("titleId", Long.class);
    public static final ProcessVariable<String> TITLE_NAME = routing("titleName", String.class);
    public static final ProcessVariable<Date> DELIVERY_DUE = routing("deliveryDue", Date.class);
    public static final ProcessVariable<String> DELIVERY_DUE_LABEL = display("deliveryDueLabel", String.class);
    public static final ProcessVariable<Date> BACKLOT_DUE = routing("backlotDue", Date.class);
    public static final ProcessVariable<String> BACKLOT_ESCALATION = routing("backlotEscalation", String.class);
    public static final ProcessVariable<Boolean> PACKAGE_NEEDED = routing("packageNeeded", Boolean.class);
    public static final ProcessVariable<Boolean> TRACKS_PENDING = routing("tracksPending", Boolean.class);
    public static final ProcessVariable<Boolean> METADATA_FIX_NEEDED = routing("metadataFixNeeded", Boolean.class);
    /** The multi-instance element of "Localize each track": one localization-track per pending track. */
    public static final ProcessVariable<Long> TRACK_ID = routing("trackId", Long.class);
    public static final ProcessVariable<String> TRACK_LABEL = routing("trackLabel", String.class);
    public static final ProcessVariable<Boolean> READY = routing("ready", Boolean.class);
    public static final ProcessVariable<Integer> ATTEMPT = routing("attempt", Integer.class);
    public static final ProcessVariable<Boolean> QC_ACCEPTED = routing("qcAccepted", Boolean.class);
    public static final ProcessVariable<Boolean> AT_RISK = routing("atRisk", Boolean.class);
    public static final ProcessVariable<Integer> REJECTIONS = routing("rejections", Integer.class);
    public static final ProcessVariable<Boolean> PACKAGE_PASSED = routing("packagePassed", Boolean.class);
    public static final ProcessVariable<String> PACKAGE_EVENT_ID = routing("packageEventId", String.class);
    public static final ProcessVariable<String> QC_EVENT_ID = routing("qcEventId", String.class);
    /** Task-local on a waiting task: it was completed by this inbox event, not by a coordinator. */
    public static final ProcessVariable<String> COMPLETED_BY_EVENT = routing(EventInbox.VIA_INBOX, String.class);

    // set-up-backlot, backlot-setup-overdue
    public static final ProcessVariable<String> TRACK_SUMMARY = display("trackSummary", String.class);
    public static final ProcessVariable<String> BACKLOT_TITLE_ID = field("backlotTitleId", String.class);
    public static final ProcessVariable<String> SOURCE_REQUESTS = field("sourceRequests", String.class);
    public static final ProcessVariable<String> ESCALATION_NOTE = field("escalationNote", String.class);
    // order-imf-package
    public static final ProcessVariable<String> FORMAT_LABEL = display("formatLabel", String.class);
    public static final ProcessVariable<String> POST_HOUSE = field("postHouse", String.class);
    public static final ProcessVariable<String> PURCHASE_ORDER = field("purchaseOrder", String.class);
    public static final ProcessVariable<String> PACKAGE_DUE_DATE = field("packageDueDate", String.class);
    /** Why the order is placed (again), the attempt, the previous order: shown on order tasks. */
    public static final ProcessVariable<String> ORDER_CONTEXT = display("orderContext", String.class);
    public static final ProcessVariable<String> ORDER_NOTE = field("orderNote", String.class);
    // record-package, return-imf-package
    public static final ProcessVariable<String> PACKAGE_LOCATION = field("packageLocation", String.class);
    public static final ProcessVariable<String> PACKAGE_FINDINGS = display("packageFindingsReport", String.class);
    public static final ProcessVariable<String> RETURN_NOTE = field("returnNote", String.class);
    /** On a return task: RETURN (to the post house or vendor) or ASK_WAIVER (a manager decides); the gateway after it routes on it. */
    public static final ProcessVariable<String> FAILED_ACTION = field("failedAction", String.class);
    public static final ProcessVariable<String> WAIVER_REQUEST = field("waiverRequest", String.class);
    // waive-package-findings, waive-track-findings
    /** Who asked for the waiver and why: shown to the manager. */
    public static final ProcessVariable<String> WAIVER_ASKED = display("waiverAsked", String.class);
    /** The manager's answer, WAIVE or REFUSE: the gateway after the task routes on it. */
    public static final ProcessVariable<String> WAIVER_DECISION = field("waiverDecision", String.class);
    public static final ProcessVariable<String> WAIVER_NOTE = field("waiverNote", String.class);
    // upload-to-backlot
    public static final ProcessVariable<Integer> NEXT_ATTEMPT = display("nextAttempt", Integer.class);
    public static final ProcessVariable<String> UPLOAD_CHECKLIST = display("uploadChecklist", String.class);
    public static final ProcessVariable<Boolean> UPLOADED = field("uploaded", Boolean.class);
    public static final ProcessVariable<String> UPLOAD_NOTE = field("uploadNote", String.class);
    // record-qc-result, qc-overdue
    public static final ProcessVariable<String> QC_RESULT = field("qcResult", String.class);
    /**
     * The rejected items, one row each (the form's dynamic list, a JSON list of objects): category, track
     * ("KIND language", one of {@link #QC_TRACK_CHOICES}), code, timecode, note. Removed once recorded.
     */
    @SuppressWarnings("rawtypes")
    public static final ProcessVariable<java.util.List> QC_ITEMS = field("qcItems", java.util.List.class);
    /** The deal's tracks as the rows' track choices, "KIND language" separated by commas. */
    public static final ProcessVariable<String> QC_TRACK_CHOICES = display("qcTrackChoices", String.class);
    /** The deal's own tracks, the only ones a QC item may name. */
    public static final ProcessVariable<String> QC_TRACKS = display("qcTracks", String.class);
    // delivery-at-risk
    public static final ProcessVariable<String> QC_ITEMS_SUMMARY = display("qcItemsSummary", String.class);
    public static final ProcessVariable<String> RISK_NOTE = field("riskNote", String.class);
    /** The manager's choice (RESUBMIT, CHANGE_VENDOR, EXTENSION, CANCEL): the gateway after the task routes on it. */
    public static final ProcessVariable<String> RISK_DECISION = field("riskDecision", String.class);
    public static final ProcessVariable<String> NEW_VENDOR = field("newVendor", String.class);
    public static final ProcessVariable<String> EXTENDED_DUE_DATE = field("extendedDueDate", String.class);
    /** Who made the rejected assets and what goes back to whom: shown on the at-risk task. */
    public static final ProcessVariable<String> REWORK_SUMMARY = display("reworkSummary", String.class);
    // fix-metadata
    public static final ProcessVariable<String> METADATA_FIX = display("metadataFix", String.class);
    public static final ProcessVariable<String> METADATA_NOTE = field("metadataNote", String.class);

    private NetflixDeliveryVariables() {
    }
}
