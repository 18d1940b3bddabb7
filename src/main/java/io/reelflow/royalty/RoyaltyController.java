package io.reelflow.royalty;

import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.royalty.RoyaltyRequests.NewAgreement;
import io.reelflow.royalty.RoyaltyRequests.NewExpense;
import io.reelflow.royalty.RoyaltyRequests.NewFxRate;
import io.reelflow.royalty.RoyaltyRequests.NewReceipt;
import io.reelflow.royalty.RoyaltyViews.AgreementView;
import io.reelflow.royalty.RoyaltyViews.ExpenseView;
import io.reelflow.royalty.RoyaltyViews.FxRateView;
import io.reelflow.royalty.RoyaltyViews.ReceiptView;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Tag(name = "Royalties", description = "Licensor agreements, FX rates, receipts through the waterfall, ledger, statements")
public class RoyaltyController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final RoyaltyAgreementService agreements;
    private final FxRateService rates;
    private final RoyaltyReceiptService receipts;
    private final RoyaltyStatementService statements;
    private final LicenceFeeService fees;
    private final RoyaltyStatementDelegates.StatementCycle statementCycle;

    public RoyaltyController(RoyaltyAgreementService agreements, FxRateService rates, RoyaltyReceiptService receipts,
                             RoyaltyStatementService statements, LicenceFeeService fees,
                             RoyaltyStatementDelegates.StatementCycle statementCycle) {
        this.agreements = agreements;
        this.rates = rates;
        this.receipts = receipts;
        this.statements = statements;
        this.fees = fees;
        this.statementCycle = statementCycle;
    }

    public record LicenceFeeView(String crmDealId, java.util.List<LicenceFeeService.InstalmentView> instalments,
                                 java.util.List<LicenceFeeService.RevenueReportView> revenueReports) {
    }

    @GetMapping("/licence-fees/{crmDealId}")
    @Operation(summary = "What the licensee owes under a deal: instalments (scheduled, due, invoiced, paid) and revenue reports")
    public LicenceFeeView licenceFee(@PathVariable String crmDealId) {
        var instalments = fees.instalments(crmDealId);
        if (instalments.isEmpty()) {
            throw new io.reelflow.platform.web.NotFoundException("no licence fee is scheduled for deal " + crmDealId
                    + " (unknown deal, or its rights are not granted yet)");
        }
        return new LicenceFeeView(crmDealId, instalments, fees.revenueReports(crmDealId));
    }

    public record StatementCycleEnd(long agreementId, String finalPeriod) {
    }

    @PostMapping("/licensor-agreements/{id}/end")
    @Operation(summary = "End a licensor agreement's statement cycle: the current period's statement is raised now as the final one")
    public ResponseEntity<StatementCycleEnd> endAgreement(@PathVariable long id) {
        agreements.agreement(id); // 404 for an unknown agreement
        return ResponseEntity.accepted().body(new StatementCycleEnd(id, statementCycle.end(id)));
    }

    @PostMapping(path = "/licensor-agreements", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the money terms agreed with a licensor")
    public ResponseEntity<AgreementView> createAgreement(@Valid @RequestBody NewAgreement req) {
        AgreementView a = agreements.create(req);
        return ResponseEntity.created(URI.create("/api/licensor-agreements/" + a.id())).body(a);
    }

    @GetMapping("/licensor-agreements")
    public List<AgreementView> agreements(@RequestParam(required = false) String licensor) {
        return agreements.list(licensor);
    }

    @GetMapping("/licensor-agreements/{id}")
    public AgreementView agreement(@PathVariable long id) {
        return agreements.agreement(id);
    }

    @PostMapping(path = "/licensor-agreements/{id}/expenses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a recoupable expense (in the agreement currency)")
    public ResponseEntity<ExpenseView> addExpense(@PathVariable long id, @Valid @RequestBody NewExpense req) {
        return ResponseEntity.status(201).body(agreements.addExpense(id, req));
    }

    @PostMapping(path = "/licensor-agreements/{id}/expenses/{expenseId}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Correct a recoupable expense by the book",
            description = "A new expense record pointing to the one it corrects (correctsExpenseId) replaces it in the waterfall; the "
                    + "corrected one stays on record, its ledger entry reversed. 409 once the expense has been recouped from a receipt, or "
                    + "when it was corrected already (correct the correction).")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "the correction")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "recouped already, or corrected already")
    public ResponseEntity<ExpenseView> correctExpense(@PathVariable long id, @PathVariable long expenseId,
                                                      @Valid @RequestBody RoyaltyRequests.ExpenseCorrection req, Principal user) {
        return ResponseEntity.status(201).body(agreements.correctExpense(id, expenseId, req, user == null ? "unknown" : user.getName()));
    }

    @PostMapping(path = "/licensor-agreements/{id}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Correct an agreement's money terms by the book",
            description = "A new record of the distribution fee, expense cap and advance as they should be, pointing to the correction it "
                    + "supersedes; the agreement as first recorded and earlier corrections stay, audited (who, when, why). Receipts posted "
                    + "from then on run through the waterfall at the corrected terms; entries already in the ledger stay as posted (reverse "
                    + "a receipt and post it again to apply them). The licensor, currency and statement frequency are not corrected. 409 "
                    + "when the advance or the expense cap would fall below what receipts have already recouped.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "the correction, with the terms before and after")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "below what receipts have already recouped")
    public ResponseEntity<RoyaltyViews.AgreementCorrectionView> correctAgreement(@PathVariable long id,
                                                                                @Valid @RequestBody RoyaltyRequests.AgreementCorrection req,
                                                                                Principal user) {
        RoyaltyViews.AgreementCorrectionView c = agreements.correct(id, req, user == null ? "unknown" : user.getName());
        return ResponseEntity.created(URI.create("/api/licensor-agreements/" + id + "/corrections")).body(c);
    }

    @GetMapping("/licensor-agreements/{id}/corrections")
    @Operation(summary = "The corrections of an agreement's terms, oldest first: before and after, reason, who and when")
    public List<RoyaltyViews.AgreementCorrectionView> agreementCorrections(@PathVariable long id) {
        return agreements.corrections(id);
    }

    @PostMapping(path = "/fx-rates", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Enter the exchange rate of a day (1 fromCurrency = rate toCurrency)")
    public ResponseEntity<FxRateView> enterRate(@Valid @RequestBody NewFxRate req, Principal user) {
        FxRateService.Entered e = rates.enter(req, user == null ? "unknown" : user.getName());
        return ResponseEntity.status(e.created() ? 201 : 200).body(e.rate());
    }

    @PostMapping(path = "/fx-rates/{id}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Correct a rate no receipt has been converted at (audited); a rate in use answers 409")
    public FxRateView correctRate(@PathVariable long id, @Valid @RequestBody RoyaltyRequests.FxRateCorrection req, Principal user) {
        return rates.correct(id, req.rate(), req.reason(), user == null ? "unknown" : user.getName());
    }

    @GetMapping("/fx-rates/{id}/corrections")
    @Operation(summary = "The corrections of a rate: old and new rate, reason, who and when")
    public List<java.util.Map<String, Object>> rateCorrections(@PathVariable long id) {
        return rates.corrections(id);
    }

    @GetMapping("/fx-rates")
    public List<FxRateView> rates(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return rates.list(from, to, date);
    }

    @PostMapping(path = "/royalty-receipts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Post a receipt through the licensor waterfall (idempotent on externalReference)")
    public ResponseEntity<ReceiptView> postReceipt(@Valid @RequestBody NewReceipt req) {
        RoyaltyReceiptService.Posted p = receipts.post(req);
        return p.created()
                ? ResponseEntity.created(URI.create("/api/royalty-receipts/" + p.receipt().id())).body(p.receipt())
                : ResponseEntity.ok(p.receipt());
    }

    @GetMapping("/royalty-receipts/{id}")
    public ReceiptView receipt(@PathVariable long id) {
        return receipts.receipt(id);
    }

    @PostMapping("/royalty-receipts/{id}/reversal")
    @Operation(summary = "Reverse a receipt: a reversing entry for each of its ledger entries")
    public ResponseEntity<ReceiptView> reverse(@PathVariable long id) {
        RoyaltyReceiptService.Reversed r = receipts.reverse(id);
        return ResponseEntity.status(r.created() ? 201 : 200).body(r.receipt());
    }

    @GetMapping("/royalty-statements")
    @Operation(summary = "Statement of a licensor for a period (2027-Q1, 2027-H2) as JSON, or CSV with Accept: text/csv or format=csv")
    public ResponseEntity<?> statement(@RequestParam(required = false) String licensor, @RequestParam(required = false) String period,
                                       @RequestParam(required = false) String format,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = wantsCsv(format, accept);
        StatementView s = statements.statement(licensor, period);
        return csv ? csv(s) : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(s);
    }

    @PostMapping("/royalty-statements/issue")
    @Operation(summary = "Issue (freeze) the statement of a licensor for a period; later corrections land in the next open period")
    public ResponseEntity<?> issue(@RequestParam(required = false) String licensor, @RequestParam(required = false) String period,
                                   @RequestParam(required = false) String format,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, Principal user) {
        boolean csv = wantsCsv(format, accept);
        RoyaltyStatementService.Issued i = statements.issue(licensor, period, user == null ? "unknown" : user.getName());
        if (csv) return csv(i.statement());
        return ResponseEntity.status(i.created() ? 201 : 200).contentType(MediaType.APPLICATION_JSON).body(i.statement());
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            return switch (format.strip().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidInputException("format", "must be json or csv");
            };
        }
        return accept != null && accept.toLowerCase().contains("text/csv");
    }

    private static ResponseEntity<String> csv(StatementView s) {
        String file = (s.licensor() + "-" + s.period()).replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(RoyaltyStatementCsv.render(s));
    }
}
