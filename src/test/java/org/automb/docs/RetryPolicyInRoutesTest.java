package org.automb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The routes show the retry policy in force: jobs/RetryPolicy decides, through the processor the error handler asks,
 * so book-errors sets no redelivery count or delay of its own (numbers that were not in force misled users editing
 * the routes).
 */
class RetryPolicyInRoutesTest {

    @Test
    void bookErrorsNamesWhatDecidesAndSetsNoCountOrDelayOfItsOwn() throws Exception {
        String routes = Files.readString(Path.of("routes/process-book.camel.yaml"));

        assertThat(routes).doesNotContain("maximumRedeliveries").doesNotContain("redeliveryDelay")
            .doesNotContain("redeliveryPolicyRef");
        assertThat(routes).contains("onExceptionOccurredRef: recordFailureAndDecideRetry")
            .contains("retryPolicy bean (jobs/RetryPolicy");
    }
}
