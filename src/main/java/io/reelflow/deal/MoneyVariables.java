package io.reelflow.deal;

import io.reelflow.platform.process.MoneyVariableNames;
import io.reelflow.royalty.FeeInstalmentVariables;
import io.reelflow.royalty.LicenceFeeVariables;
import io.reelflow.window.WindowWatchVariables;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The deal's process variables that carry money: kept out of the engine's history (see MoneyHistoryFilter). */
@Component
class MoneyVariables implements MoneyVariableNames {

    @Override
    public Set<String> names() {
        return Stream.of(FeeInstalmentVariables.INSTALMENT_LABEL, FeeInstalmentVariables.PAID_AMOUNT, FeeInstalmentVariables.FX_RATE,
                LicenceFeeVariables.REVENUE, WindowWatchVariables.NEW_FEE_AMOUNT).map(v -> v.name()).collect(Collectors.toSet());
    }
}
