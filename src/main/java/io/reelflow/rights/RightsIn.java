package io.reelflow.rights;

import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.RightsHeld;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What the distributor holds from a licensor for one title. */
@Entity
@Table(name = "rights_in")
public class RightsIn {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "title_id")
    private long titleId;
    private String licensor;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] territories;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] media;
    @Column(name = "term_start")
    private LocalDate termStart;
    @Column(name = "term_end")
    private LocalDate termEnd;
    private boolean exclusive;

    protected RightsIn() {
    }

    public RightsIn(long titleId, String licensor, Set<String> territories, Set<Media> media, LocalDate termStart, LocalDate termEnd, boolean exclusive) {
        this.titleId = titleId;
        this.licensor = licensor;
        this.territories = territories.toArray(String[]::new);
        this.media = media.stream().map(Enum::name).toArray(String[]::new);
        this.termStart = termStart;
        this.termEnd = termEnd;
        this.exclusive = exclusive;
    }

    public Long getId() { return id; }
    public long getTitleId() { return titleId; }
    public String getLicensor() { return licensor; }
    public Set<String> getTerritories() { return new LinkedHashSet<>(Arrays.asList(territories)); }
    public Set<Media> getMedia() { return RightsSnapshots.media(media); }
    public LocalDate getTermStart() { return termStart; }
    public LocalDate getTermEnd() { return termEnd; }
    public boolean isExclusive() { return exclusive; }

    public RightsHeld toRule() {
        return new RightsHeld(id, titleId, licensor, getTerritories(), getMedia(), new DateWindow(termStart, termEnd), exclusive);
    }

    static Set<Media> noMedia() {
        return EnumSet.noneOf(Media.class);
    }
}
