package io.reelflow.delivery;

import io.reelflow.delivery.InspectionRequests.FindingView;
import io.reelflow.delivery.InspectionRequests.InspectionView;
import io.reelflow.delivery.InspectionRequests.Subject;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Process glue of the inspections in netflix-delivery and localization-track. The service tasks only queue a
 * request ({@link InspectionRequests}); {@link InspectionWorker} inspects outside the engine's jobs and answers with
 * a message that sets the routing flag ({@code packagePassed}, {@code trackPassed}). The delivery or track is the
 * deal's own (business key = CRM deal id, checked against the database); the location comes from the stored event.
 * Findings stay in the domain tables: the receive and return tasks show the latest inspection through task-local
 * variables written when the task is created, never read back.
 */
final class InspectionDelegates {

    /** Task-local variables of the return tasks: counts and the first findings, as Markdown for the form's text. */
    static final String PACKAGE_FINDINGS_REPORT = NetflixDeliveryVariables.PACKAGE_FINDINGS.name();
    static final String TRACK_FINDINGS_REPORT = LocalizationTrackVariables.TRACK_FINDINGS.name();
    /** At most how many findings a form shows; the full list is in GET /api/deliveries/{id}. */
    static final int SHOWN = 50;
    /** The engine keeps a string variable in a column of 4,000 characters. */
    static final int MAX_REPORT = 3900;

    private InspectionDelegates() {
    }


    /** {@code ${inspectImfPackage}}: queues the inspection of the package the post house reported. */
    @Component("inspectImfPackage")
    static class InspectImfPackage implements JavaDelegate {
        private final InspectionRequests requests;
        private final ProcessDelivery processDelivery;

        InspectImfPackage(InspectionRequests requests, ProcessDelivery processDelivery) {
            this.requests = requests;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            long deliveryId = processDelivery.deliveryId(e);
            String eventId = processDelivery.checkedEvent(deliveryId, NetflixDeliveryVariables.PACKAGE_EVENT_ID.get(e));
            requests.requestPackage(e.getProcessBusinessKey(), deliveryId, eventId, e.getProcessInstanceId());
        }
    }

    /** {@code ${inspectTrack}}: queues the check of the track file the vendor reported. */
    @Component("inspectTrack")
    static class InspectTrack implements JavaDelegate {
        private final InspectionRequests requests;
        private final ProcessDelivery processDelivery;

        InspectTrack(InspectionRequests requests, ProcessDelivery processDelivery) {
            this.requests = requests;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            DeliveryService.Track track = processDelivery.track(e);
            String eventId = processDelivery.checkedEvent(track.deliveryId(), LocalizationTrackVariables.TRACK_EVENT_ID.get(e));
            requests.requestTrack(e.getProcessBusinessKey(), track.id(), eventId, e.getProcessInstanceId());
        }
    }

    /** {@code ${showPackageFindings}} (create): the latest package inspection of the deal's delivery, for the form. */
    @Component("showPackageFindings")
    static class ShowPackageFindings implements TaskListener {
        private final InspectionRequests requests;
        private final ProcessDelivery processDelivery;

        ShowPackageFindings(InspectionRequests requests, ProcessDelivery processDelivery) {
            this.requests = requests;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            long deliveryId = processDelivery.deliveryId(task);
            task.setVariableLocal(PACKAGE_FINDINGS_REPORT, report(requests.latest(Subject.PACKAGE, deliveryId, SHOWN), deliveryId));
        }
    }

    /** {@code ${showTrackFindings}} (create): the latest check of the deal's track, for the form. */
    @Component("showTrackFindings")
    static class ShowTrackFindings implements TaskListener {
        private final InspectionRequests requests;
        private final ProcessDelivery processDelivery;

        ShowTrackFindings(InspectionRequests requests, ProcessDelivery processDelivery) {
            this.requests = requests;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            DeliveryService.Track t = processDelivery.track(task);
            task.setVariableLocal(TRACK_FINDINGS_REPORT, report(requests.latest(Subject.TRACK, t.id(), SHOWN), t.deliveryId()));
        }
    }

    /**
     * Counts by severity, the summary and the first findings (errors first, at most {@link #SHOWN}), as Markdown
     * within {@link #MAX_REPORT} characters (the engine's limit for a string variable is 4,000).
     */
    static String report(Optional<InspectionView> inspection, long deliveryId) {
        if (inspection.isEmpty()) return "None yet.";
        InspectionView v = inspection.get();
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.UK);
        int total = v.errors() + v.warnings();
        StringBuilder head = new StringBuilder();
        head.append("**").append(Boolean.TRUE.equals(v.passed()) ? "Passed" : v.waived() ? "Failed, findings waived by a manager" : "Failed").append("**: ")
                .append(n.format(v.errors())).append(v.errors() == 1 ? " error, " : " errors, ")
                .append(n.format(v.warnings())).append(v.warnings() == 1 ? " warning" : " warnings")
                .append(" (inspected: ").append(escape(InspectionRequests.bounded(v.location(), 300))).append(").\n\n");
        if (v.summary() != null) head.append(escape(InspectionRequests.bounded(v.summary(), 800))).append("\n\n");
        StringBuilder list = new StringBuilder();
        int shown = 0;
        int budget = MAX_REPORT - head.length() - 200;
        for (FindingView f : v.findings()) {
            StringBuilder line = new StringBuilder("- ").append(f.waived() ? "WAIVED " : "").append(f.severity()).append(' ').append(f.code());
            if (f.file() != null) line.append(" · ").append(escape(InspectionRequests.bounded(f.file(), 80)));
            if (f.element() != null) line.append(" · ").append(escape(InspectionRequests.bounded(f.element(), 80)));
            line.append(": ").append(escape(InspectionRequests.bounded(f.message(), 160))).append('\n');
            if (list.length() + line.length() > budget) break;
            list.append(line);
            shown++;
        }
        if (total > shown) {
            head.append("The first ").append(n.format(shown)).append(" of ").append(n.format(total))
                    .append(" findings, errors first; all of them: `GET /api/deliveries/").append(deliveryId).append("`.\n\n");
        }
        return (head.toString() + list).strip();
    }

    /** Text from a file shown as Markdown: every character that Markdown or HTML would act on is escaped. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                s.append(' ');
            } else if ("\\`*[]<>#|~!".indexOf(c) >= 0) {
                s.append('\\').append(c);
            } else if (!Character.isISOControl(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
