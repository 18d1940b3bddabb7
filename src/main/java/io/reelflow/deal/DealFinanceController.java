package io.reelflow.deal;

import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.royalty.LicenceFeeService.RevenueReportView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Finance over REST (finance, admins): what the Tasklist forms record, for an ERP or a reporting feed. */
@RestController
@RequestMapping("/api/licence-fees/{crmDealId}")
@Tag(name = "Licence fees", description = "What licensees owe under each deal: instalments, invoices, payments, revenue reports (finance)")
public class DealFinanceController {

    private final DealFinanceService finance;

    public DealFinanceController(DealFinanceService finance) {
        this.finance = finance;
    }

    /** @param invoiceNumber at most 64 characters; the same number again changes nothing */
    public record InvoiceRequest(String invoiceNumber, LocalDate invoicedOn) {
    }

    /** @param bankReference the payment's reference at the bank; the same reference again changes nothing */
    public record PaymentRequest(BigDecimal paidAmount, String paidCurrency, LocalDate paidOn, String bankReference) {
    }

    /** @param reportReference the licensee's report number */
    public record RevenueReportRequest(String quarter, BigDecimal revenue, String revenueCurrency, String reportReference) {
    }

    private static final String TASK = " The task that waits for it in Tasklist is completed with the same fields (task: COMPLETED) and the process "
            + "moves on as after the form; when none waits yet, the record is kept and its task is completed as soon as it is created (task: KEPT). "
            + "201 when recorded now, 200 when the same record was already there (nothing done twice); 409 when another one was.";

    @PostMapping(path = "/instalments/{number}/invoice", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the invoice of an instalment", description = "The rules of the 'Invoice …' form: the instalment must be payable "
            + "(its trigger happened), the invoice day not before that." + TASK)
    @ApiResponse(responseCode = "201", description = "invoice recorded")
    @ApiResponse(responseCode = "409", description = "invoiced already under another number, or not payable yet")
    public ResponseEntity<DealFinanceService.Result<InstalmentView>> invoice(@PathVariable String crmDealId, @PathVariable int number,
                                                                             @RequestBody InvoiceRequest request, Principal user) {
        var r = finance.invoice(crmDealId, number, request.invoiceNumber(), request.invoicedOn(), user.getName());
        return ResponseEntity.status(r.created() ? 201 : 200).body(r);
    }

    @PostMapping(path = "/instalments/{number}/payment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the payment of an instalment", description = "The rules of the 'Record payment …' form: the instalment must be "
            + "invoiced; any currency (royalties convert it at the day's rate); the payment day not in the future. The royalty postings "
            + "follow, as after the form." + TASK)
    @ApiResponse(responseCode = "201", description = "payment recorded")
    @ApiResponse(responseCode = "409", description = "paid already under another bank reference, or not invoiced yet")
    public ResponseEntity<DealFinanceService.Result<InstalmentView>> payment(@PathVariable String crmDealId, @PathVariable int number,
                                                                             @RequestBody PaymentRequest request, Principal user) {
        var r = finance.payment(crmDealId, number, request.paidAmount(), request.paidCurrency(), request.paidOn(), request.bankReference(),
                user.getName());
        return ResponseEntity.status(r.created() ? 201 : 200).body(r);
    }

    @PostMapping(path = "/revenue-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a quarter's revenue report", description = "The rules of the 'Enter … revenue report' form, for a revenue-share "
            + "deal: a quarter of the licence window that has ended, the revenue in the deal's currency. The overage against the minimum "
            + "guarantee follows, as after the form." + TASK)
    @ApiResponse(responseCode = "201", description = "report recorded")
    @ApiResponse(responseCode = "409", description = "the quarter was reported with another revenue, or the deal has a fixed fee")
    public ResponseEntity<DealFinanceService.Result<RevenueReportView>> revenueReport(@PathVariable String crmDealId,
                                                                                      @RequestBody RevenueReportRequest request, Principal user) {
        var r = finance.revenueReport(crmDealId, request.quarter(), request.revenue(), request.revenueCurrency(), request.reportReference(),
                user.getName());
        return ResponseEntity.status(r.created() ? 201 : 200).body(r);
    }
}
