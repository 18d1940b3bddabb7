package io.reelflow.royalty;

import io.reelflow.royalty.rules.StatementFrequency;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What the royalty API accepts. Shape is checked here; meaning (currencies, rates, titles) in the services. */
public final class RoyaltyRequests {

    static final String CURRENCY = "[A-Z]{3}";
    static final String CURRENCY_MESSAGE = "must be an ISO 4217 currency code such as EUR";

    private RoyaltyRequests() {
    }

    public record NewAgreement(
            @NotBlank @Size(max = 200) String licensor,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal distributionFeePercent,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal expenseCap,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal advance,
            @NotNull StatementFrequency statementFrequency) {
    }

    /**
     * The money terms of an agreement as they should be, and why. Fields left out mean what they mean on creation (no cap,
     * no advance); the currency and the statement frequency, when given, must be the agreement's own.
     */
    public record AgreementCorrection(
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal distributionFeePercent,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal expenseCap,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal advance,
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            StatementFrequency statementFrequency,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record NewExpense(
            @NotNull LocalDate incurredOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @Size(max = 500) String description) {
    }

    /** A recoupable expense as it should have been recorded, and why. */
    public record ExpenseCorrection(
            @NotNull LocalDate incurredOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @Size(max = 500) String description,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record NewFxRate(
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String fromCurrency,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String toCurrency,
            @NotNull LocalDate rateDate,
            @NotNull @Positive @Digits(integer = 12, fraction = 10) BigDecimal rate) {
    }

    public record FxRateCorrection(
            @NotNull @Positive @Digits(integer = 12, fraction = 10) BigDecimal rate,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record NewReceipt(
            @NotNull @Positive Long agreementId,
            @NotBlank @Size(max = 100) String dealRef,
            @NotNull @Positive Long titleId,
            @NotNull LocalDate receivedOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotBlank @Size(max = 200) String externalReference) {
    }
}
