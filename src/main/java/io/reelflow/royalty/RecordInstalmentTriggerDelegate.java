package io.reelflow.royalty;

import org.springframework.stereotype.Component;

/** {@code ${recordInstalmentTrigger}}: after a delivery was accepted (or the daily recheck), is every title accepted? */
@Component("recordInstalmentTrigger")
class RecordInstalmentTriggerDelegate extends FeeSteps.InstalmentStep {
    RecordInstalmentTriggerDelegate(DealFeeService fees) {
        super(fees);
    }
}
