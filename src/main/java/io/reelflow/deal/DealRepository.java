package io.reelflow.deal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DealRepository extends JpaRepository<Deal, Long> {
    Optional<Deal> findByCrmDealId(String crmDealId);
}
