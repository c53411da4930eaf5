package org.automb.notify;

import java.util.List;

/**
 * One mail to send through an SMTP server.
 *
 * @param host     the SMTP server
 * @param port     its port
 * @param security how the connection is protected
 * @param user     the login; "" for none
 * @param password the password; "" for none (secret: see {@link #toString()})
 * @param from     the sender address
 * @param to       the recipients
 * @param subject  the subject line
 * @param body     plain text
 */
public record MailMessage(String host, int port, Security security, String user, String password, String from,
                          List<String> to, String subject, String body) {

    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain connection upgraded with STARTTLS, required (mailto:// default). */
        STARTTLS,
        /** TLS from the first byte (mailtos://, port 465). */
        SSL,
        /** No encryption ({@code ?mode=insecure}); only for a server on a trusted network. */
        NONE
    }

    public MailMessage {
        to = List.copyOf(to);
    }

    @Override
    public String toString() {
        return "MailMessage[" + host + ":" + port + " " + security + ", user=" + user + ", password=***, from=" + from
            + ", to=" + to + ", subject=" + subject + "]";
    }
}
