package io.reelflow.royalty;

import org.springframework.stereotype.Component;

/** {@code ${prepareInstalment}} */
@Component("prepareInstalment")
class PrepareInstalmentDelegate extends FeeSteps.InstalmentStep {
    PrepareInstalmentDelegate(DealFeeService fees) {
        super(fees);
    }
}
