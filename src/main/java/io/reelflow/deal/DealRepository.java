package io.reelflow.deal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface DealRepository extends JpaRepository<Deal, Long> {
    // JPQL rather than a derived query: Hibernate caches its plan, a derived query is rebuilt as criteria on every call
    @Query("SELECT d FROM Deal d WHERE d.crmDealId = :crmDealId")
    Optional<Deal> findByCrmDealId(@Param("crmDealId") String crmDealId);

    /** The deal a request names by its CRM deal id; none is a 404 naming the field. */
    default Deal byCrmDealId(String crmDealId) {
        return findByCrmDealId(crmDealId).orElseThrow(
                () -> new io.reelflow.platform.web.NotFoundException("crmDealId", "no deal with CRM deal id " + crmDealId));
    }

    /** The deal a process step refers to by its row: it must exist, or the step fails (a technical fault, not bad input). */
    default Deal byId(long dealId) {
        return findById(dealId).orElseThrow(() -> new IllegalStateException("no deal with id " + dealId));
    }
}
