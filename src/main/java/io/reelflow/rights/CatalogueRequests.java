package io.reelflow.rights;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** What the catalogue API accepts. Shape is checked here; meaning (codes, dates, titles) in {@link CatalogueService}. */
public final class CatalogueRequests {

    private CatalogueRequests() {
    }

    public record NewTitle(
            @NotBlank @Size(max = 300) String name,
            @NotNull TitleKind kind,
            @Positive @Max(100000) Integer runtimeMinutes,
            @NotBlank @Size(max = 35) String originalLanguage,
            @Pattern(regexp = "10\\.5240/([0-9A-F]{4}-){5}[0-9A-Z]", message = "must be an EIDR id of the form 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C")
            String eidrId,
            Boolean kids) {
    }

    public record NewRightsIn(
            @NotNull @Positive Long titleId,
            @NotBlank @Size(max = 200) String licensor,
            @NotEmpty @Size(max = 300) List<@NotBlank @Size(max = 8) String> territories,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 20) String> media,
            @NotNull LocalDate termStart,
            LocalDate termEnd,
            @NotNull Boolean exclusive,
            @Valid @Size(max = 50) List<NewHoldback> holdbacks) {
    }

    public record NewHoldback(
            @NotEmpty @Size(max = 300) List<@NotBlank @Size(max = 8) String> territories,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 20) String> media,
            @NotNull LocalDate periodStart,
            LocalDate periodEnd,
            @Size(max = 500) String reason) {
    }
}
