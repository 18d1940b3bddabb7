package io.reelflow.deal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports", description = "Figures for managers' dashboard (Cockpit's Reelflow page): counts and ages, never amounts")
public class DealReportController {

    private final DealReports reports;

    public DealReportController(DealReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/reports/deals")
    @Operation(summary = "Deals by status: every status with its number of deals")
    @ApiResponse(responseCode = "200", description = "the counts")
    @ApiResponse(responseCode = "401", description = "no credentials")
    @ApiResponse(responseCode = "403", description = "a role that may not read reports")
    public DealReports.DealsByStatus deals() {
        return reports.byStatus();
    }
}
