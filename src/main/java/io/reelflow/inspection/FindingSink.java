package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings with at most {@link #PER_CODE} of each code, so a file with a million bad events makes a
 * report of bounded size: the rest of a code is counted and told in one more finding of that code.
 */
final class FindingSink {

    static final int PER_CODE = 100;

    private final List<Finding> findings = new ArrayList<>();
    private final Map<FindingCode, Integer> counts = new EnumMap<>(FindingCode.class);
    private final Map<FindingCode, Finding> firstDropped = new EnumMap<>(FindingCode.class);

    void add(Finding f) {
        int n = counts.merge(f.code(), 1, Integer::sum);
        if (n <= PER_CODE) {
            findings.add(f);
        } else {
            firstDropped.putIfAbsent(f.code(), f);
        }
    }

    void addAll(List<Finding> list) {
        list.forEach(this::add);
    }

    /** The findings kept, then one per code that had more, saying how many more. */
    List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings);
        firstDropped.forEach((code, f) -> out.add(new Finding(code, f.severity(), f.file(), f.element(),
                (counts.get(code) - PER_CODE) + " more findings like this are not listed, the first of them: "
                        + f.message())));
        return out;
    }
}
