package io.reelflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/** A value is read once per transaction, kept as written, read again once forgotten, and never outlives the transaction. */
class TransactionMemoTest {

    private final TransactionMemo<String, String> memo = new TransactionMemo<>("probe");
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String key) {
        reads.incrementAndGet();
        return "stored " + key;
    }

    private static void begin() {
        TransactionSynchronizationManager.initSynchronization();
    }

    private static void end() {
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                TransactionSynchronization.STATUS_COMMITTED);
        TransactionSynchronizationManager.clearSynchronization();
    }

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) end();
    }

    @Test
    void outsideATransactionEveryGetReads() {
        memo.get("a", this::read);
        memo.get("a", this::read);
        assertThat(reads).hasValue(2);
    }

    @Test
    void withinATransactionAValueIsReadOnce() {
        begin();
        assertThat(memo.get("a", this::read)).isEqualTo("stored a");
        assertThat(memo.get("a", this::read)).isEqualTo("stored a");
        assertThat(memo.get("b", this::read)).isEqualTo("stored b");
        assertThat(reads).hasValue(2);
    }

    @Test
    void whatIsPutIsAnsweredWithoutReading() {
        begin();
        memo.put("a", "written a");
        assertThat(memo.get("a", this::read)).isEqualTo("written a");
        assertThat(reads).hasValue(0);
    }

    @Test
    void keptAnswersWhatIsKeptWithoutReading() {
        assertThat(memo.kept("a")).isNull();
        begin();
        assertThat(memo.kept("a")).isNull();
        memo.put("a", "written a");
        assertThat(memo.kept("a")).isEqualTo("written a");
        assertThat(reads).hasValue(0);
    }

    @Test
    void aForgottenValueIsReadAgain() {
        begin();
        memo.get("a", this::read);
        memo.get("b", this::read);
        memo.forget("a");
        memo.get("a", this::read);
        memo.get("b", this::read);
        assertThat(reads).hasValue(3);
    }

    @Test
    void nothingIsKeptForTheNextTransaction() {
        begin();
        memo.put("a", "written a");
        end();
        begin();
        assertThat(memo.get("a", this::read)).isEqualTo("stored a");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aValueReadAsNothingIsNotKept() {
        begin();
        assertThat(memo.get("a", key -> {
            reads.incrementAndGet();
            return null;
        })).isNull();
        assertThat(memo.get("a", this::read)).isEqualTo("stored a");
        assertThat(reads).hasValue(2);
    }
}
