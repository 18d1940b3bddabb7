package io.reelflow.deal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface DealRepository extends JpaRepository<Deal, Long> {
    // JPQL rather than a derived query: Hibernate caches its plan, a derived query is rebuilt as criteria on every call
    @Query("SELECT d FROM Deal d WHERE d.crmDealId = :crmDealId")
    Optional<Deal> findByCrmDealId(@Param("crmDealId") String crmDealId);
}
