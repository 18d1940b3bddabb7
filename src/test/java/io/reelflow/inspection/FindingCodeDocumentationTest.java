package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/inspection.md must explain every code the workflow can receive, with its severity. */
class FindingCodeDocumentationTest {

    @ParameterizedTest
    @EnumSource(FindingCode.class)
    void everyCodeIsDocumented(FindingCode code) throws IOException {
        String docs = Files.readString(Path.of("docs", "inspection.md"));

        assertThat(docs).contains("| `" + code.name() + "` | " + code.defaultSeverity().name());
    }
}
