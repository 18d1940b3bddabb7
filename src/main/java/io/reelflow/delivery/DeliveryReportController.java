package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports", description = "Figures for managers' dashboard (Cockpit's Reelflow page): counts and ages, never amounts")
public class DeliveryReportController {

    private final DeliveryReports reports;

    public DeliveryReportController(DeliveryReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/reports/deliveries")
    @Operation(summary = "Deliveries by stage: how many stand in each stage and for how many days (average, oldest); the open deliveries "
            + "that have waited longest, with their deal")
    public DeliveryReports.DeliveriesByStage deliveries() {
        return reports.byStage(ClockUtil.getCurrentTime().toInstant(), 10);
    }

    @GetMapping("/api/reports/qc/monthly")
    @Operation(summary = "Netflix QC month by month (UTC): first-pass acceptance rate, acceptances, rejections, and the rejected items by "
            + "category and by vendor, for the last `months` months (1 to 36), oldest first")
    public List<DeliveryReports.QcMonth> qcByMonth(@Parameter(description = "how many months, this one included (1 to 36)")
                                                   @RequestParam(defaultValue = "12") String months) {
        int n;
        try {
            n = Integer.parseInt(months.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("months", "'" + months + "' is not a whole number of months (1 to 36)");
        }
        if (n < 1 || n > 36) throw new InvalidInputException("months", n + " is out of range: 1 to 36 months");
        return reports.qcByMonth(ClockUtil.getCurrentTime().toInstant(), n);
    }
}
