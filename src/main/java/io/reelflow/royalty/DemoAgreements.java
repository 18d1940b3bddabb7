package io.reelflow.royalty;

import io.reelflow.royalty.RoyaltyRequests.NewAgreement;
import io.reelflow.royalty.rules.StatementFrequency;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The money terms of the demo catalogue's licensors, so demo deals post royalties end to end. */
@Component
@Order(3)
@ConditionalOnExpression("${reelflow.demo.enabled:false} and ${reelflow.demo.agreements:true}")
public class DemoAgreements implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAgreements.class);

    private final RoyaltyAgreementService agreements;

    public DemoAgreements(RoyaltyAgreementService agreements) {
        this.agreements = agreements;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        create(new NewAgreement("Harbour Films Ltd", "EUR", new BigDecimal("20"), new BigDecimal("25000.00"), new BigDecimal("50000.00"),
                StatementFrequency.QUARTERLY));
        create(new NewAgreement("Maison Poivre Productions", "EUR", new BigDecimal("25"), null, BigDecimal.ZERO, StatementFrequency.SEMI_ANNUAL));
        create(new NewAgreement("Onda Norte Studios", "USD", new BigDecimal("15"), new BigDecimal("10000.00"), BigDecimal.ZERO,
                StatementFrequency.QUARTERLY));
    }

    private void create(NewAgreement agreement) {
        if (agreements.byLicensor(agreement.licensor()).isPresent()) return;
        agreements.create(agreement);
        log.info("Demo licensor agreement created: {}", agreement.licensor());
    }
}
