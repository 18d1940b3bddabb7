package io.reelflow.delivery;

import java.math.BigDecimal;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Process glue of netflix-delivery and localization-track: read ids, call {@link DeliveryService}, write primitives. */
final class DeliveryDelegates {

    private DeliveryDelegates() {
    }

    static long deliveryId(DelegateExecution e) {
        return ((Number) e.getVariable("deliveryId")).longValue();
    }

    static String required(DelegateTask task, String name, String label) {
        Object v = task.getVariable(name);
        if (v == null || v.toString().isBlank()) throw new ProcessEngineException(name + ": " + label + " is required");
        return v.toString().strip();
    }

    static String optional(DelegateTask task, String name) {
        Object v = task.getVariable(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    /** {@code ${deliveryTracks}}: the multi-instance collection and the track labels of task names. */
    @Component("deliveryTracks")
    public static class DeliveryTracks {
        private final DeliveryService deliveries;

        DeliveryTracks(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        public List<Long> pending(Object deliveryId) {
            return deliveries.pendingTrackIds(((Number) deliveryId).longValue());
        }

        public String label(Object trackId) {
            return deliveries.track(((Number) trackId).longValue()).label();
        }
    }

    @Component("recordBacklotSetup")
    static class RecordBacklotSetup implements TaskListener {
        private final DeliveryService deliveries;

        RecordBacklotSetup(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void notify(DelegateTask task) {
            String backlotId = required(task, "backlotTitleId", "the Backlot title id");
            if (!backlotId.matches("[A-Za-z0-9._:-]{1,64}")) throw new ProcessEngineException("backlotTitleId: '" + backlotId + "' is not a Backlot id");
            String requests = required(task, "sourceRequests", "one source request per asset");
            for (String line : requests.split("\\R")) {
                if (line.isBlank()) continue;
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(colon + 1).isBlank()) {
                    throw new ProcessEngineException("sourceRequests: '" + line.strip() + "' has no source request id after ':'");
                }
            }
            deliveries.recordBacklotSetup(((Number) task.getVariable("deliveryId")).longValue(), backlotId, requests.strip());
        }
    }

    @Component("recordImfOrder")
    static class RecordImfOrder implements TaskListener {
        private final DeliveryService deliveries;

        RecordImfOrder(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void notify(DelegateTask task) {
            deliveries.recordImfOrder(((Number) task.getVariable("deliveryId")).longValue(), required(task, "postHouse", "the post house"),
                    required(task, "purchaseOrder", "the purchase order"));
        }
    }

    @Component("recordPackageReturn")
    static class RecordPackageReturn implements TaskListener {
        @Override
        public void notify(DelegateTask task) {
            required(task, "returnNote", "what was sent back to the post house");
        }
    }

    @Component("recordTrackOrder")
    static class RecordTrackOrder implements TaskListener {
        private final DeliveryService deliveries;

        RecordTrackOrder(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void notify(DelegateTask task) {
            deliveries.recordTrackOrder(((Number) task.getVariable("trackId")).longValue(), required(task, "vendor", "the vendor"));
        }
    }

    @Component("recordTrackReturn")
    static class RecordTrackReturn implements TaskListener {
        @Override
        public void notify(DelegateTask task) {
            required(task, "returnNote", "what was sent back to the vendor");
        }
    }

    /** On completing the upload task: submission n (the attempt counter). */
    @Component("markSubmitted")
    static class MarkSubmitted implements TaskListener {
        private final DeliveryService deliveries;

        MarkSubmitted(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void notify(DelegateTask task) {
            if (!Boolean.TRUE.equals(task.getVariable("uploaded"))) {
                throw new ProcessEngineException("uploaded: confirm that everything on the checklist is uploaded");
            }
            int attempt = deliveries.submitted(((Number) task.getVariable("deliveryId")).longValue());
            task.setVariable("attempt", attempt);
        }
    }

    @Component("checkReadiness")
    static class CheckReadiness implements JavaDelegate {
        private final DeliveryService deliveries;

        CheckReadiness(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void execute(DelegateExecution e) {
            long id = deliveryId(e);
            DeliveryService.Readiness r = deliveries.readiness(id);
            e.setVariable("ready", r.ready());
            e.setVariable("missingDeliverables", r.missing());
            e.setVariable("uploadChecklist", r.checklist());
            e.setVariable("nextAttempt", deliveries.get(id).attempt() + 1);
            e.setVariable("uploaded", false);
            if (!r.ready()) {
                // what is missing is ordered again: the package if it is not accepted, tracks sent back
                DeliveryService.Delivery d = deliveries.get(id);
                boolean packageNeeded = !"ACCEPTED".equals(d.packageStatus());
                boolean tracksPending = !deliveries.pendingTrackIds(id).isEmpty();
                if (!packageNeeded && !tracksPending) {
                    // nothing to order again would loop for ever: stop here with an incident that says why
                    throw new IllegalStateException("delivery " + id + " is not complete and nothing can be re-ordered: " + r.missing());
                }
                e.setVariable("packageNeeded", packageNeeded);
                e.setVariable("tracksPending", tracksPending);
                e.setVariable("metadataFixNeeded", false);
            }
        }
    }

    @Component("recordQcResult")
    static class RecordQcResult implements JavaDelegate {
        private final DeliveryService deliveries;

        RecordQcResult(DeliveryService deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public void execute(DelegateExecution e) {
            DeliveryService.QcOutcome o = deliveries.recordQc(deliveryId(e), (String) e.getVariable("qcEventId"));
            e.setVariable("qcAccepted", o.accepted());
            e.setVariable("atRisk", o.atRisk());
            e.setVariable("rejections", o.rejections());
            e.setVariable("packageNeeded", o.packageRework());
            e.setVariable("tracksPending", o.tracksRework());
            e.setVariable("metadataFixNeeded", o.metadataFix());
            e.setVariable("qcItemsSummary", o.itemsSummary());
            e.setVariable("metadataFix", deliveries.get(deliveryId(e)).metadataFix());
        }
    }

    /** Accepted by Netflix; the deal's lifecycle is told (payment milestones tied to delivery acceptance). */
    @Component("acceptDelivery")
    static class AcceptDelivery implements JavaDelegate {
        static final String MESSAGE = "deliveryAccepted";
        private final DeliveryService deliveries;
        private final RuntimeService runtime;

        AcceptDelivery(DeliveryService deliveries, RuntimeService runtime) {
            this.deliveries = deliveries;
            this.runtime = runtime;
        }

        @Override
        public void execute(DelegateExecution e) {
            long id = deliveryId(e);
            deliveries.accept(id);
            // nobody may be listening yet (royalty milestones subscribe to it): correlating to none is fine
            runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(e.getProcessBusinessKey())
                    .setVariable("acceptedDeliveryId", id).correlateAllWithResult();
        }
    }
}
