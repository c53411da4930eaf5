package org.automb.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What a camel-mail exception means for a delivery: refused for good (login refused, recipient or sender rejected
 * with a 5xx, no STARTTLS or no trusted certificate) or worth another try (no answer, a 4xx "try later").
 */
final class MailFailures {

    private MailFailures() {
    }

    /** The failure behind {@code error}, its text free of the message's password. */
    static DeliveryFailure of(Throwable error, MailMessage message) {
        String server = message.host() + ":" + message.port();
        List<String> secrets = message.password().isEmpty() ? List.of() : List.of(message.password());
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof AuthenticationFailedException) {
                return DeliveryFailure.refused(Masking.text("SMTP " + server + " refused the login of '"
                    + message.user() + "'" + detail(cause), secrets), 535);
            }
            if (cause instanceof SMTPAddressFailedException address) {
                return smtpReply(address.getReturnCode(), "SMTP " + server + " rejected the address "
                    + address.getAddress() + detail(cause), secrets);
            }
            if (cause instanceof SMTPSendFailedException send) {
                return smtpReply(send.getReturnCode(), "SMTP " + server + " refused the mail" + detail(cause), secrets);
            }
            if (cause instanceof SSLException) {
                return DeliveryFailure.refused("SMTP " + server + ": TLS failed (" + cause.getClass().getSimpleName()
                    + detail(cause) + "); is the certificate trusted and the port right for " + message.security()
                    + "?", null);
            }
            if (cause instanceof MessagingException && String.valueOf(cause.getMessage()).contains("STARTTLS is required")) {
                return DeliveryFailure.refused("SMTP " + server + " does not offer STARTTLS, which mailto:// requires "
                    + "(use mailtos:// for TLS from the start, or ?mode=insecure for a server on a trusted network)", null);
            }
        }
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof IOException) {
                return DeliveryFailure.noAnswer(Masking.text("SMTP " + server + ": no answer ("
                    + cause.getClass().getSimpleName() + detail(cause) + ")", secrets));
            }
            if (cause instanceof SendFailedException) {
                return DeliveryFailure.refused(Masking.text("SMTP " + server + " refused the mail" + detail(cause),
                    secrets), null);
            }
        }
        return DeliveryFailure.noAnswer(Masking.text("SMTP " + server + ": " + error.getClass().getSimpleName()
            + detail(error), secrets));
    }

    /** A 4xx reply is "try again later"; a 5xx is final. */
    private static DeliveryFailure smtpReply(int code, String text, List<String> secrets) {
        String message = Masking.text(text, secrets);
        return code >= 400 && code < 500 ? new DeliveryFailure(message, true, null, code)
            : DeliveryFailure.refused(message, code > 0 ? code : null);
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != cause) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static String detail(Throwable cause) {
        String text = cause.getMessage();
        return text == null || text.isBlank() ? "" : ": " + text.strip().replaceAll("\\s+", " ");
    }
}
