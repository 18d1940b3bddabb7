package io.reelflow.royalty;

import static io.reelflow.royalty.rules.InstalmentTrigger.DELIVERY_ACCEPTED;
import static io.reelflow.royalty.rules.InstalmentTrigger.SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.royalty.LicenceFeeService.Kind;
import io.reelflow.royalty.rules.FeeTerms;
import io.reelflow.royalty.rules.InstalmentTerm;
import io.reelflow.royalty.rules.Money;
import io.reelflow.support.ApiTestSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deal's schedule is stored in one statement and answered as stored; within one transaction (a job) each instalment
 * is read once, and what the service writes is what the next read answers.
 */
class LicenceFeeServiceTest extends ApiTestSupport {

    private static final LocalDate SIGNED_ON = LocalDate.of(2026, 11, 2);
    private static final LocalDate WINDOW_START = LocalDate.of(2027, 3, 1);
    private static final FeeTerms HALF_AND_HALF = FeeTerms.of(Money.of("1000.00", "EUR"),
            InstalmentTerm.percent("50", SIGNATURE, 0), InstalmentTerm.percent("50", DELIVERY_ACCEPTED, 30));

    @Autowired LicenceFeeService fees;
    @Autowired TransactionTemplate tx;

    private final String deal = "FEES-" + Long.toHexString(System.nanoTime());

    private List<InstalmentView> schedule() {
        return fees.schedule(deal, Kind.LICENCE_FEE, HALF_AND_HALF, List.of("SIGNATURE", "DELIVERY_ACCEPTED"), SIGNED_ON, WINDOW_START);
    }

    @Test
    void theScheduleIsStoredAndAnsweredAsStored() {
        assertThat(schedule())
                .extracting(InstalmentView::number, InstalmentView::amount, InstalmentView::currency, InstalmentView::trigger,
                        InstalmentView::creditDays, InstalmentView::triggeredOn, InstalmentView::dueOn, InstalmentView::status)
                .containsExactly(
                        tuple(1, new BigDecimal("500.00"), "EUR", "SIGNATURE", 0, SIGNED_ON, SIGNED_ON, "DATED"),
                        tuple(2, new BigDecimal("500.00"), "EUR", "DELIVERY_ACCEPTED", 30, null, null, "AWAITING_TRIGGER"));
        // again (a retried job): the stored schedule, nothing added
        assertThat(schedule()).isEqualTo(fees.instalments(deal)).hasSize(2);
    }

    @Test
    void withinATransactionWhatTheServiceWritesIsWhatTheNextReadAnswers() {
        LocalDate accepted = LocalDate.of(2027, 2, 10);
        tx.executeWithoutResult(status -> {
            schedule();
            assertThat(fees.instalment(deal, 2).triggered()).isFalse();
            fees.trigger(deal, 2, accepted);
            assertThat(fees.instalment(deal, 2).triggeredOn()).isEqualTo(accepted);
            assertThat(fees.instalment(deal, 2).dueOn()).isEqualTo(accepted.plusDays(30));
            fees.recordInvoice(deal, 1, "INV-1", SIGNED_ON, "finance");
            assertThat(fees.instalment(deal, 1).invoiceNumber()).isEqualTo("INV-1");
            fees.recordPayment(deal, 1, new BigDecimal("500.00"), "EUR", SIGNED_ON.plusDays(3), "BANK-1", SIGNED_ON.plusDays(5), "finance");
            assertThat(fees.instalment(deal, 1).status()).isEqualTo("PAID");
        });
        // and as committed
        assertThat(fees.instalments(deal)).extracting(InstalmentView::number, InstalmentView::status)
                .containsExactly(tuple(1, "PAID"), tuple(2, "DATED"));
    }
}
