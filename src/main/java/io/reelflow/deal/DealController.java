package io.reelflow.deal;

import io.reelflow.platform.security.MoneyVisibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/deals")
@Tag(name = "Deals", description = "Signed deals from the CRM")
public class DealController {

    private final DealService deals;

    public DealController(DealService deals) {
        this.deals = deals;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Post a signed deal",
            description = "Idempotent on crmDealId: the same deal posted again answers 200 with the recorded deal; the same id with other "
                    + "terms answers 409 listing each difference. A new deal answers 201 and its deal-lifecycle process has started.")
    @ApiResponse(responseCode = "201", description = "deal recorded, deal-lifecycle started")
    @ApiResponse(responseCode = "200", description = "the same deal was already recorded")
    @ApiResponse(responseCode = "400", description = "invalid input (problem+json, errors name each field)")
    @ApiResponse(responseCode = "409", description = "same CRM deal id, other terms")
    @ApiResponse(responseCode = "413", description = "body too large")
    public ResponseEntity<DealView> post(@Valid @RequestBody DealRequest request) {
        org.slf4j.MDC.put(io.reelflow.platform.web.DealLogContextFilter.KEY, request.crmDealId());
        DealService.IntakeResult result = deals.intake(request);
        if (!result.created()) return ResponseEntity.ok(forCaller(result.deal()));
        return ResponseEntity.created(URI.create("/api/deals/" + result.deal().crmDealId())).body(forCaller(result.deal()));
    }

    /** A new last day for a granted deal's window. */
    public record Amendment(@jakarta.validation.constraints.NotNull java.time.LocalDate windowEnd,
                            @jakarta.validation.constraints.Size(max = 500) String reason) {
    }

    @PostMapping(path = "/{crmDealId}/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Move the last day of a granted deal's window",
            description = "Earlier or later. A later end is checked against the rights first (409 with the conflicts, nothing changed). "
                    + "The window's timers are re-armed for the new date; none fires for the old one.")
    @ApiResponse(responseCode = "200", description = "amended")
    @ApiResponse(responseCode = "409", description = "the extension collides, or the deal is not granted / its window has ended")
    public DealView amend(@PathVariable String crmDealId, @Valid @RequestBody Amendment amendment) {
        return forCaller(deals.amend(crmDealId, amendment.windowEnd(), amendment.reason()));
    }

    @GetMapping("/{crmDealId}")
    @Operation(summary = "Status of a deal: conflicts, grants, where its processes stand")
    public DealView get(@PathVariable String crmDealId) {
        return forCaller(deals.find(crmDealId));
    }

    /** Money is seen by finance and admins only. */
    private static DealView forCaller(DealView deal) {
        return MoneyVisibility.callerSeesMoney() ? deal : deal.withoutMoney();
    }
}
