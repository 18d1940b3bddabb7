package io.reelflow.platform.security;

import io.reelflow.platform.web.ConflictException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins only ({@code /api/admin/**}): API tokens of service accounts, and locking a person's account. */
@RestController
@RequestMapping("/api/admin")
@Validated
@Tag(name = "Administration", description = "API tokens of service accounts; locking and unlocking users (admins only)")
public class AdminController {

    private static final String ACCOUNT = "[a-z0-9][a-z0-9-]{1,63}";

    private final ApiTokens tokens;
    private final AccountLocks locks;

    public AdminController(ApiTokens tokens, AccountLocks locks) {
        this.tokens = tokens;
        this.locks = locks;
    }

    /** A new token for a service account. */
    public record TokenRequest(
            @NotBlank @Pattern(regexp = ACCOUNT, message = "lower-case letters, digits and '-', 2 to 64 characters") String account,
            @NotBlank String role,
            @NotBlank @Size(max = 100) String name,
            Instant expiresAt) {
    }

    /** How long the replaced token keeps working after a rotation (0: it stops at once). */
    public record Rotation(@Min(0) @Max(604_800) Long overlapSeconds) {
    }

    @PostMapping(path = "/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an API token for a service account",
            description = "The answer holds the token (rft_…): it is shown this once and stored only as a keyed hash. The service account "
                    + "sends it as 'Authorization: Bearer rft_…'. role: crm-integration (deal intake and reads), monitoring (metrics) "
                    + "or delivery-partners (delivery events of post houses, vendors, Backlot).")
    @ApiResponse(responseCode = "201", description = "created; the token is in the answer, and only there")
    @ApiResponse(responseCode = "400", description = "invalid input (problem+json naming the field)")
    public ResponseEntity<ApiTokens.IssuedToken> create(@Valid @RequestBody TokenRequest request, Principal admin) {
        ApiTokens.IssuedToken issued = tokens.create(request.account(), request.role(), request.name().strip(), request.expiresAt(), admin.getName());
        return ResponseEntity.created(URI.create("/api/admin/tokens/" + issued.id())).body(issued);
    }

    @GetMapping("/tokens")
    @Operation(summary = "List API tokens (never the tokens themselves)", description = "With status ACTIVE, EXPIRED or REVOKED and when each was last used (to the minute).")
    public List<ApiTokens.TokenView> list(@RequestParam(required = false) @Pattern(regexp = ACCOUNT) String account) {
        return tokens.list(account);
    }

    @GetMapping("/tokens/{id}")
    @Operation(summary = "One API token (never the token itself)")
    @ApiResponse(responseCode = "404", description = "no such token")
    public ApiTokens.TokenView one(@PathVariable long id) {
        return tokens.find(id).orElseThrow(() -> new io.reelflow.platform.web.NotFoundException("no API token " + id));
    }

    @DeleteMapping("/tokens/{id}")
    @Operation(summary = "Revoke an API token", description = "At once; revoking a revoked token changes nothing.")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "404", description = "no such token")
    public ResponseEntity<Void> revoke(@PathVariable long id, Principal admin) {
        tokens.revoke(id, admin.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/tokens/{id}/rotation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rotate an API token",
            description = "A new token for the same account, role and name (shown once). The old one stops at once, or after overlapSeconds "
                    + "(at most 7 days) so the service account can switch without a gap.")
    @ApiResponse(responseCode = "201", description = "the new token")
    @ApiResponse(responseCode = "404", description = "no such token")
    @ApiResponse(responseCode = "409", description = "the token is revoked or expired")
    public ResponseEntity<ApiTokens.IssuedToken> rotate(@PathVariable long id, @Valid @RequestBody Rotation rotation, Principal admin) {
        long overlap = rotation.overlapSeconds() == null ? 0 : rotation.overlapSeconds();
        ApiTokens.IssuedToken issued = tokens.rotate(id, Duration.ofSeconds(overlap), admin.getName());
        return ResponseEntity.created(URI.create("/api/admin/tokens/" + issued.id())).body(issued);
    }

    /** Whether a user is locked. */
    public record LockState(String userId, boolean locked) {
    }

    @GetMapping("/users/{userId}/lock")
    @Operation(summary = "Whether a user is locked")
    public LockState lockState(@PathVariable @Size(max = 64) String userId) {
        return new LockState(userId, locks.isLocked(userId));
    }

    @PostMapping("/users/{userId}/lock")
    @Operation(summary = "Lock a user", description = "Every password of the user is refused (API, /engine-rest, webapps) until an admin unlocks it. "
            + "Wrong passwords never lock anyone; only this does.")
    @ApiResponse(responseCode = "204", description = "locked")
    @ApiResponse(responseCode = "404", description = "no such user")
    @ApiResponse(responseCode = "409", description = "an admin cannot lock themselves")
    public ResponseEntity<Void> lock(@PathVariable @Size(max = 64) String userId, Principal admin) {
        if (userId.equals(admin.getName())) throw new ConflictException("you cannot lock your own account", List.of());
        locks.lock(userId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/users/{userId}/lock")
    @Operation(summary = "Unlock a user")
    @ApiResponse(responseCode = "204", description = "unlocked")
    @ApiResponse(responseCode = "404", description = "no such user")
    public ResponseEntity<Void> unlock(@PathVariable @Size(max = 64) String userId) {
        locks.unlock(userId);
        return ResponseEntity.noContent().build();
    }
}
