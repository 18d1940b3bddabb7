package io.reelflow.deal;

import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Media;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The deal aggregate: what the CRM signed, and how far Reelflow has taken it. */
@Entity
@Table(name = "deal")
// a status change writes the status, not the whole row again (the terms' JSON serialised on every update)
@org.hibernate.annotations.DynamicUpdate
public class Deal {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "crm_deal_id")
    private String crmDealId;
    private String licensee;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] media;
    private boolean exclusive;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "territories_requested")
    private String[] territoriesRequested;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] territories;
    @Column(name = "window_start")
    private LocalDate windowStart;
    @Column(name = "window_end")
    private LocalDate windowEnd;
    @Column(name = "delivery_due")
    private LocalDate deliveryDue;
    @Enumerated(EnumType.STRING)
    private DealStatus status;
    @Column(name = "terms", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    @jakarta.persistence.Convert(converter = DealTermsConverter.class)
    private DealRequest terms;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private int version;

    protected Deal() {
    }

    public Deal(String crmDealId, String licensee, Collection<Media> media, boolean exclusive, Collection<String> territoriesRequested,
                Collection<String> territories, LocalDate windowStart, LocalDate windowEnd, LocalDate deliveryDue, DealRequest terms) {
        this.crmDealId = crmDealId;
        this.licensee = licensee;
        this.media = media.stream().map(Enum::name).toArray(String[]::new);
        this.exclusive = exclusive;
        this.territoriesRequested = territoriesRequested.toArray(String[]::new);
        this.territories = territories.toArray(String[]::new);
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.deliveryDue = deliveryDue;
        this.terms = terms;
        this.status = DealStatus.RECEIVED;
        this.createdAt = now();
        this.updatedAt = this.createdAt;
    }

    public Long getId() { return id; }
    public String getCrmDealId() { return crmDealId; }
    public String getLicensee() { return licensee; }
    public boolean isExclusive() { return exclusive; }
    public Set<String> getTerritoriesRequested() { return new LinkedHashSet<>(Arrays.asList(territoriesRequested)); }
    public Set<String> getTerritories() { return new LinkedHashSet<>(Arrays.asList(territories)); }
    public LocalDate getWindowStart() { return windowStart; }
    public LocalDate getWindowEnd() { return windowEnd; }
    public LocalDate getDeliveryDue() { return deliveryDue; }
    public DealStatus getStatus() { return status; }
    /** The terms as the CRM signed them (normalised at intake), typed: read from the record once, when the deal is loaded. */
    public DealRequest terms() { return terms; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    public Set<Media> getMedia() {
        Set<Media> set = EnumSet.noneOf(Media.class);
        for (String m : media) set.add(Media.valueOf(m));
        return set;
    }

    public DateWindow window() {
        return new DateWindow(windowStart, windowEnd);
    }

    void moveTo(DealStatus next) {
        this.status = next;
        this.updatedAt = now();
    }

    void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void changeTerritories(Collection<String> countries) {
        this.territories = countries.toArray(String[]::new);
        this.updatedAt = now();
    }

    void changeWindow(LocalDate start, LocalDate end) {
        this.windowStart = start;
        this.windowEnd = end;
        this.updatedAt = now();
    }

    /** Microseconds, as PostgreSQL keeps them: the deal answered at intake equals the deal read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
