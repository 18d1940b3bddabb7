package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReceiptSplitTest {

    @Test
    void equalSharesWithTheRemainderOnTheLastTitle() {
        assertThat(ReceiptSplit.equally(Money.of("100000.00", "EUR"), 3))
                .containsExactly(Money.of("33333.33", "EUR"), Money.of("33333.33", "EUR"), Money.of("33333.34", "EUR"));
        assertThat(ReceiptSplit.equally(Money.of("1000", "JPY"), 3))
                .containsExactly(Money.of("333", "JPY"), Money.of("333", "JPY"), Money.of("334", "JPY"));
        assertThat(ReceiptSplit.equally(Money.of("125000.00", "EUR"), 1)).containsExactly(Money.of("125000.00", "EUR"));
    }

    @Test
    void refusesWhatCannotBeSplit() {
        assertThatThrownBy(() -> ReceiptSplit.equally(Money.of("0.02", "EUR"), 3)).hasMessageContaining("too small to split over 3");
        assertThatThrownBy(() -> ReceiptSplit.equally(Money.of("10.00", "EUR"), 0)).hasMessageContaining("titles must be at least 1");
    }

    @Property
    void sharesAlwaysAddUpToThePayment(@ForAll @LongRange(min = 100, max = 10_000_000_000L) long cents, @ForAll @IntRange(min = 1, max = 100) int titles) {
        Money payment = Money.of(java.math.BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("EUR"));
        List<Money> shares = ReceiptSplit.equally(payment, titles);
        assertThat(shares).hasSize(titles).allMatch(Money::isPositive);
        assertThat(Money.sum(payment.currency(), shares)).isEqualTo(payment);
    }
}
