package io.reelflow.rights;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HoldbackRepository extends JpaRepository<HoldbackRecord, Long> {
    List<HoldbackRecord> findByRightsInIdOrderById(long rightsInId);
}
