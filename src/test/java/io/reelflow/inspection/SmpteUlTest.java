package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmpteUlTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "urn:smpte:ul:060e2b34.04010101.04010101.01020000",     // the usual spelling
            "urn:smpte:ul:060e2b34.0401.0101.04010101.01020000",    // as in the 2013 sample CPL
            "urn:smpte:ul:06.0E.2B.34.04.01.01.01.04.01.01.01.01.02.00.00", // dotted bytes, upper case
            "URN:SMPTE:UL:060E2B34.04010106.04010101.01020000",     // another version byte
            "urn:uuid:04010101-0102-0000-060e-2b3404010101"})       // AUID (half-swapped) form
    void everySpellingOfBt709TransferIsNamed(String text) {
        assertThat(SmpteUl.parse(text).flatMap(SmpteUl::lookup)).contains(SmpteUl.Named.TRANSFER_BT709);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "urn:smpte:ul:06.0e.2b.34.04.01.01.06.04.01.01.01.03.03.00.00, ITU-R BT.709",
            "urn:smpte:ul:06.0e.2b.34.04.01.01.0d.04.01.01.01.03.04.00.00, ITU-R BT.2020",
            "urn:smpte:ul:060e2b34.0401010d.04010101.03070000, 'ACES (AP0, SMPTE ST 2065-1)'",
            "urn:smpte:ul:06.0e.2b.34.04.01.01.0d.04.01.01.01.01.0a.00.00, SMPTE ST 2084 (PQ)",
            "urn:smpte:ul:060e2b34.04010106.04010101.01060000, Linear",
            "urn:smpte:ul:060e2b34.0401010d.04010101.010b0000, ITU-R BT.2100 HLG",
            "urn:smpte:ul:060e2b34.0401010d.04010101.02060000, ITU-R BT.2020 non-constant luminance"})
    void registeredLabelsHaveTheirNames(String ul, String name) {
        assertThat(SmpteUl.parse(ul).flatMap(SmpteUl::lookup).map(SmpteUl.Named::displayName)).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:smpte:ul:060e2b34.04010101.04010101.01020001", "urn:smpte:ul:060e2b34.0401.0101.04010101.01ff0000"})
    void unregisteredLabelsAreUnknown(String text) {
        assertThat(SmpteUl.parse(text)).isPresent();
        assertThat(SmpteUl.parse(text).flatMap(SmpteUl::lookup)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BT.709", "urn:smpte:ul:060e2b34", "urn:smpte:ul:060e2b34.04010101.04010101.0102000g"})
    void nonUlsDoNotParse(String text) {
        assertThat(SmpteUl.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLabelOfTheWrongCategoryIsNotAccepted() {
        SmpteUl bt709Primaries = SmpteUl.parse("urn:smpte:ul:060e2b34.04010106.04010101.03030000").orElseThrow();

        assertThat(bt709Primaries.lookup(SmpteUl.Category.COLOR_PRIMARIES)).isPresent();
        assertThat(bt709Primaries.lookup(SmpteUl.Category.TRANSFER_CHARACTERISTIC)).isEmpty();
        assertThat(bt709Primaries.toString()).isEqualTo("urn:smpte:ul:06.0e.2b.34.04.01.01.06.04.01.01.01.03.03.00.00");
    }
}
