package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void findsEveryRepeatAmongAMillionIds() {
        IdSet ids = new IdSet();
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(ids.add("p" + i)).isTrue();
        }
        for (int i = 0; i < 1_000_000; i += 9973) {
            assertThat(ids.add("p" + i)).isFalse();
        }
        assertThat(ids.add("")).isTrue();
        assertThat(ids.add("")).isFalse();
    }

    @Test
    void similarIdsHaveDifferentFingerprints() {
        assertThat(IdSet.fingerprint("ab")).isNotEqualTo(IdSet.fingerprint("ba"));
        assertThat(IdSet.fingerprint("a")).isNotEqualTo(IdSet.fingerprint("a\u0000"));
    }
}
