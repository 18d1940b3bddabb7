package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one BCP 47 check (RFC 5646 well-formedness), on worked examples, with the reason each caller shows. */
class Bcp47Test {

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a language                               | en                     | ''
            language and region                      | pt-BR                  | ''
            a UN M49 region                          | es-419                 | ''
            a script                                 | zh-Hant-TW             | ''
            a script, lower case                     | sr-latn-rs             | ''
            an extended language                     | zh-yue-HK              | ''
            a variant starting with a digit          | de-CH-1996             | ''
            a long variant                           | sl-rozaj-biske         | ''
            an extension                             | en-US-u-ca-buddhist    | ''
            private use at the end                   | en-x-netflix           | ''
            private use alone                        | x-whatever             | ''
            a grandfathered tag                      | i-klingon              | ''
            a regular grandfathered tag              | zh-min-nan             | ''
            empty                                    | ''                     | language tag is empty
            blank                                    | '   '                  | language tag is empty
            an underscore                            | pt_BR                  | 'pt_BR' is not a BCP 47 tag (use '-', e.g. pt-BR)
            a dangling dash                          | en-                    | 'en-' is not a well-formed BCP 47 language tag
            a space around it                        | ' fr'                  | ' fr' is not a well-formed BCP 47 language tag
            a one-letter language                    | e                      | 'e' is not a well-formed BCP 47 language tag
            a nine-letter language                   | abcdefghi              | 'abcdefghi' is not a well-formed BCP 47 language tag
            three letters: an extended language      | en-USA                 | ''
            four letters: a script                   | de-Latn                | ''
            a region of a letter and a digit         | en-U1                  | 'en-U1' is not a well-formed BCP 47 language tag
            four letters after the region            | de-CH-abcd             | 'de-CH-abcd' is not a well-formed BCP 47 language tag
            an extension without subtags             | en-u                   | 'en-u' is not a well-formed BCP 47 language tag
            an extension subtag of one letter        | en-u-a                 | 'en-u-a' is not a well-formed BCP 47 language tag
            a script after the region                | sr-RS-Latn             | 'sr-RS-Latn' is not a well-formed BCP 47 language tag
            digits for a language                    | 12-BR                  | '12-BR' is not a well-formed BCP 47 language tag
            a private-use subtag of nine             | en-x-abcdefghi         | 'en-x-abcdefghi' is not a well-formed BCP 47 language tag
            over 35 characters                       | en-US-u-ca-buddhist-nu-thai-x-netflix | 'en-US-u-ca-buddhist-nu-thai-x-netflix' is too long for a BCP 47 tag
            """)
    void wellFormedOrWhyNot(String example, String tag, String problem) {
        assertThat(Bcp47.problem(tag)).as(example).isEqualTo(problem.isEmpty() ? null : problem);
        assertThat(Bcp47.isWellFormed(tag)).as(example).isEqualTo(problem.isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            pt-BR | pt-br | true
            pt-BR | pt    | false
            en    | EN    | true
            """)
    void tagsMatchExactlyButForLetterCase(String a, String b, boolean same) {
        assertThat(Bcp47.sameTag(a, b)).isEqualTo(same);
    }
}
