package io.reelflow.rights;

import io.reelflow.rights.rules.Media;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A period in which the licensor forbids us to license some media in some territories. */
@Entity
@Table(name = "holdback")
public class HoldbackRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "rights_in_id")
    private long rightsInId;
    @Column(name = "title_id")
    private long titleId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] territories;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] media;
    @Column(name = "period_start")
    private LocalDate periodStart;
    @Column(name = "period_end")
    private LocalDate periodEnd;
    private String reason;

    protected HoldbackRecord() {
    }

    public HoldbackRecord(long rightsInId, long titleId, Set<String> territories, Set<Media> media, LocalDate periodStart, LocalDate periodEnd, String reason) {
        this.rightsInId = rightsInId;
        this.titleId = titleId;
        this.territories = territories.toArray(String[]::new);
        this.media = media.stream().map(Enum::name).toArray(String[]::new);
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.reason = reason;
    }

    public Long getId() { return id; }
    public long getRightsInId() { return rightsInId; }
    public long getTitleId() { return titleId; }
    public Set<String> getTerritories() { return new LinkedHashSet<>(Arrays.asList(territories)); }
    public Set<Media> getMedia() { return RightsSnapshots.media(media); }
    public LocalDate getPeriodStart() { return periodStart; }
    public LocalDate getPeriodEnd() { return periodEnd; }
    public String getReason() { return reason; }
}
