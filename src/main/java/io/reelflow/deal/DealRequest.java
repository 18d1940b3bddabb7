package io.reelflow.deal;

import io.reelflow.rights.rules.Media;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A signed deal as the CRM posts it. Shape is checked here; meaning in {@link DealIntakeValidator}. */
@Schema(description = "A licence deal signed in the CRM")
public record DealRequest(
        @Schema(example = "CRM-2026-0042") @NotBlank @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "may contain letters, digits and . _ : - only (it becomes part of the deal's URL)")
        String crmDealId,
        @Schema(example = "Netflix") @NotBlank @Size(max = 200) String licensee,
        @NotEmpty @Size(max = 100) List<@NotNull @Positive Long> titleIds,
        @NotEmpty @Size(max = 7) List<@NotNull Media> media,
        @NotNull Boolean exclusive,
        @Schema(description = "ISO 3166-1 alpha-2 codes, UN M49 region codes (150 Europe, 419 Latin America) or WW", example = "[\"FR\", \"DE\"]")
        @NotEmpty @Size(max = 300) List<@NotBlank @Size(max = 8) String> territories,
        @NotNull LocalDate windowStart,
        @Schema(description = "last day of the window (inclusive); omit only for an evergreen deal")
        LocalDate windowEnd,
        @Schema(description = "true for a deal without end date") Boolean evergreen,
        @NotNull @Valid Fee fee,
        @Valid Localization localization,
        @NotNull @Valid Format format,
        LocalDate deliveryDue,
        @Schema(description = "true to record a deal of the past (its window ended before today) for the record and for royalties: "
                + "stored as CLOSED with its grants EXPIRED, checked for collisions with other grants, starting no delivery or window watch")
        Boolean historical) {

    /** A deal of the present (not posted as history). */
    public DealRequest(String crmDealId, String licensee, List<Long> titleIds, List<Media> media, Boolean exclusive, List<String> territories,
                       LocalDate windowStart, LocalDate windowEnd, Boolean evergreen, Fee fee, Localization localization, Format format,
                       LocalDate deliveryDue) {
        this(crmDealId, licensee, titleIds, media, exclusive, territories, windowStart, windowEnd, evergreen, fee, localization, format,
                deliveryDue, null);
    }

    public boolean isHistorical() {
        return Boolean.TRUE.equals(historical);
    }

    public enum FeeType { FIXED, MG_REVENUE_SHARE }

    public enum Trigger { SIGNATURE, DELIVERY_ACCEPTED, WINDOW_START, DATE }

    public enum Resolution { HD, UHD }

    public enum DynamicRange { SDR, HDR10, DOLBY_VISION }

    public record Fee(
            @NotNull FeeType type,
            @Schema(example = "EUR") @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @Schema(description = "fixed licence fee (FIXED)") @DecimalMin(value = "0.00", inclusive = false, message = "must be positive")
            @Digits(integer = 13, fraction = 4) BigDecimal amount,
            @Schema(description = "minimum guarantee (MG_REVENUE_SHARE)") @DecimalMin(value = "0.00", inclusive = false, message = "must be positive")
            @Digits(integer = 13, fraction = 4) BigDecimal minimumGuarantee,
            @Schema(description = "percentage of reported revenue (MG_REVENUE_SHARE)")
            @DecimalMin(value = "0.00", inclusive = false, message = "must be positive") @DecimalMax("100") @Digits(integer = 3, fraction = 4)
            BigDecimal revenueSharePercent,
            @NotEmpty @Size(max = 24) List<@NotNull @Valid Instalment> instalments) {
    }

    public record Instalment(
            @NotNull @DecimalMin(value = "0.00", inclusive = false, message = "must be positive") @DecimalMax("100") @Digits(integer = 3, fraction = 4)
            BigDecimal percent,
            @NotNull Trigger trigger,
            @Schema(description = "due date when trigger is DATE") LocalDate date,
            @Min(0) @Max(365) Integer creditDays) {
    }

    public record Localization(
            @Size(max = 60) List<@NotBlank @Size(max = 35) String> subtitles,
            @Size(max = 60) List<@NotBlank @Size(max = 35) String> dubs,
            @Size(max = 60) List<@NotBlank @Size(max = 35) String> audioDescription,
            @Size(max = 60) List<@NotBlank @Size(max = 35) String> forcedNarratives) {
    }

    public record Format(@NotNull Resolution resolution, @NotNull DynamicRange dynamicRange) {
    }
}
