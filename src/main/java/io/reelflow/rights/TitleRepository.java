package io.reelflow.rights;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TitleRepository extends JpaRepository<Title, Long> {
    Optional<Title> findByEidrId(String eidrId);
    List<Title> findByNameContainingIgnoreCaseOrderByName(String name);
    Optional<Title> findFirstByName(String name);
}
