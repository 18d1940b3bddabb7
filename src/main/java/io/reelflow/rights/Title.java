package io.reelflow.rights;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "title")
public class Title {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Enumerated(EnumType.STRING)
    private TitleKind kind;
    @Column(name = "runtime_minutes")
    private Integer runtimeMinutes;
    @Column(name = "original_language")
    private String originalLanguage;
    @Column(name = "eidr_id")
    private String eidrId;
    private boolean kids;

    protected Title() {
    }

    public Title(String name, TitleKind kind, Integer runtimeMinutes, String originalLanguage, String eidrId, boolean kids) {
        this.name = name;
        this.kind = kind;
        this.runtimeMinutes = runtimeMinutes;
        this.originalLanguage = originalLanguage;
        this.eidrId = eidrId;
        this.kids = kids;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public TitleKind getKind() { return kind; }
    public Integer getRuntimeMinutes() { return runtimeMinutes; }
    public String getOriginalLanguage() { return originalLanguage; }
    public String getEidrId() { return eidrId; }
    public boolean isKids() { return kids; }
}
