package io.reelflow.rights.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DateWindowPropertiesTest {

    private static final LocalDate BASE = LocalDate.of(2027, 12, 1); // the range spans the 2028 leap day

    @Provide
    Arbitrary<DateWindow> windows() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 120),
                Arbitraries.integers().between(0, 5)
        ).as((start, length, open) -> new DateWindow(BASE.plusDays(start),
                open == 0 ? null : BASE.plusDays(start + length)));
    }

    @Property
    void minusAndIntersectionReconstructTheWindowWithoutOverlap(@ForAll("windows") DateWindow w,
                                                                @ForAll("windows") DateWindow o) {
        List<DateWindow> pieces = new ArrayList<>(w.minus(o));
        assertThat(pieces).hasSizeLessThanOrEqualTo(2);
        for (DateWindow p : pieces) {
            assertThat(w.contains(p)).isTrue();
            assertThat(p.overlaps(o)).isFalse();
        }
        w.intersection(o).ifPresent(pieces::add);
        for (int i = 0; i < pieces.size(); i++) {
            for (int j = i + 1; j < pieces.size(); j++) {
                assertThat(pieces.get(i).overlaps(pieces.get(j))).as("%s vs %s", pieces.get(i), pieces.get(j))
                        .isFalse();
            }
        }
        assertThat(DateWindow.union(pieces)).containsExactly(w);
    }

    @Property
    void overlapIsSymmetricAndMatchesIntersection(@ForAll("windows") DateWindow a, @ForAll("windows") DateWindow b) {
        assertThat(a.overlaps(b)).isEqualTo(b.overlaps(a)).isEqualTo(a.intersection(b).isPresent());
        a.intersection(b).ifPresent(i -> assertThat(a.contains(i) && b.contains(i)).isTrue());
    }

    @Property
    void unionCoversExactlyTheSameDays(@ForAll("windows") DateWindow a, @ForAll("windows") DateWindow b,
                                        @ForAll("windows") DateWindow c) {
        List<DateWindow> in = List.of(a, b, c);
        List<DateWindow> union = DateWindow.union(in);
        for (int i = 1; i < union.size(); i++) {
            // sorted, and separated by at least one day (otherwise they would have merged)
            assertThat(union.get(i - 1).end()).isNotNull();
            assertThat(union.get(i - 1).end().plusDays(1)).isBefore(union.get(i).start());
        }
        for (int d = -1; d < 340; d++) {
            LocalDate day = BASE.plusDays(d);
            boolean inInput = in.stream().anyMatch(x -> x.contains(day));
            boolean inUnion = union.stream().anyMatch(x -> x.contains(day));
            assertThat(inUnion).as("day %s", day).isEqualTo(inInput);
        }
    }
}
