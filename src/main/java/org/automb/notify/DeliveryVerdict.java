package org.automb.notify;

import java.time.Duration;

/**
 * What the notify-errors error handler does after a delivery's failed try (exchange property
 * {@link NotificationDelivery#VERDICT}): try again after {@code wait}, or give up.
 *
 * @param retryAllowed whether another try comes (read by the route's retryWhile)
 * @param tries        the tries so far, this one included
 * @param delay        the wait before the next try; zero when given up
 * @param failure      what went wrong in this try
 */
public record DeliveryVerdict(boolean retryAllowed, int tries, Duration delay, DeliveryFailure failure) {
}
