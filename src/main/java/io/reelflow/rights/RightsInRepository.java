package io.reelflow.rights;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RightsInRepository extends JpaRepository<RightsIn, Long> {
    List<RightsIn> findByTitleIdOrderById(long titleId);
}
