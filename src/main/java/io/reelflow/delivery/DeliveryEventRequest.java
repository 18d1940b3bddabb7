package io.reelflow.delivery;

import io.reelflow.inspection.TrackKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** An event from a post house, a localization vendor or the Backlot integration. */
public record DeliveryEventRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "may contain letters, digits and . _ : - only")
        String eventId,
        @NotNull Type type,
        @Size(max = 1000) String packageLocation,
        TrackKind kind,
        @Size(max = 35) String language,
        @Size(max = 1000) String fileLocation,
        @DecimalMin(value = "0", inclusive = false, message = "must be positive") BigDecimal durationSeconds,
        QcResult result,
        @Size(max = 500) List<@NotNull @Valid QcItem> items) {

    public enum Type { PACKAGE_READY, TRACK_DELIVERED, QC_RESULT }

    public enum QcResult { ACCEPTED, REJECTED }

    public record QcItem(@NotNull QcCategory category, @Size(max = 50) String code, @Size(max = 20) String timecode,
                         @Size(max = 2000) String note, @Size(max = 35) String language, TrackKind kind) {
    }
}
