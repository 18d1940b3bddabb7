package io.reelflow.rights.ema;

import java.time.LocalDate;
import java.util.List;

/**
 * One EMA Avails row (one Avail with one Transaction in XML): one title in one territory for one licence type and
 * one window.
 *
 * @param entryType      Disposition/EntryType ({@code Full Extract} for a complete export)
 * @param displayName    Avail/DisplayName: the licensor offering the rights
 * @param licensee       Avail/Licensee: the buyer of a grant; null for an offer
 * @param availType      Avail/AvailType (XML): {@code single}, {@code episode}, {@code season}, {@code series}
 * @param workType       AvailAsset/WorkType: {@code Movie}, {@code Episode}, {@code Season}, {@code Series}
 * @param contentId      AvailAsset/ContentID: the EIDR id ({@code 10.5240/...}) when the title has one, else our own id
 * @param alid           Avail/ALID
 * @param title          AvailMetadata/TitleDisplayUnlimited
 * @param internalAlias  AvailMetadata/TitleInternalAlias
 * @param territory      AvailTrans/Territory: ISO 3166-1 alpha-2
 * @param licenseType    AvailTrans/LicenseType ({@code SVOD}, {@code VOD}, {@code EST})
 * @param start          AvailTrans/Start (first day)
 * @param end            AvailTrans/End (last day, inclusive); null = Open (evergreen)
 * @param exclusive      AvailTrans/Exclusive
 * @param exclusiveAttributes AvailTrans/ExclusiveAttributes (what the exclusivity covers), or null
 * @param allowedLanguages AvailTrans/AllowedLanguages (BCP 47), empty when not restricted
 * @param contractId     AvailTrans/ContractID: the deal of a grant, or null
 */
public record EmaAvail(String entryType, String displayName, String licensee, String availType, String workType, String contentId,
                       String alid, String title, String internalAlias, String territory, String licenseType, LocalDate start,
                       LocalDate end, boolean exclusive, String exclusiveAttributes, List<String> allowedLanguages, String contractId) {

    public EmaAvail {
        allowedLanguages = allowedLanguages == null ? List.of() : List.copyOf(allowedLanguages);
    }

    public boolean evergreen() {
        return end == null;
    }
}
