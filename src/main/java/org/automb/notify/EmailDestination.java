package org.automb.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.automb.config.NotifySettings;

/**
 * Email through SMTP ({@code mailto://} / {@code mailtos://{user}:{password}@{host}[:port]?to=a@x,b@y[&from=][&mode=]}),
 * sent by camel-mail (route send-mail). {@code mailto://} requires STARTTLS (port 587), {@code mailtos://} is TLS
 * from the first byte (port 465); {@code mode=starttls|ssl|insecure} chooses otherwise. Without {@code from=} the
 * sender is the login when it is an address, else {@code {user}@{host}}; without {@code to=} the mail goes to the
 * sender, as Apprise does.
 */
final class EmailDestination extends ServiceDestination {

    private final String scheme;
    private final String host;
    private final int port;
    private final MailMessage.Security security;
    private final String user;
    private final String password;
    private final String from;
    private final List<String> to;
    private final String instanceName;
    private final String applicationUrl;

    private EmailDestination(ServiceUrl url, MailMessage.Security security, int port, String from, List<String> to,
                             NotifySettings settings) {
        super(url);
        this.scheme = url.scheme();
        this.host = url.host();
        this.port = port;
        this.security = security;
        this.user = url.user();
        this.password = url.password().orElse("");
        this.from = from;
        this.to = List.copyOf(to);
        this.instanceName = settings.instanceName();
        this.applicationUrl = settings.applicationUrl();
    }

    static EmailDestination of(ServiceUrl url, NotifySettings settings) {
        if (url.host().isEmpty()) {
            throw url.problem("the SMTP server is missing (" + url.scheme() + "://{user}:{password}@{host}[:port]?to=)");
        }
        if (!url.path().isEmpty()) {
            throw url.problem("unexpected path after the server; recipients go in ?to=a@example.com,b@example.com");
        }
        if (!url.user().isEmpty() && url.password().isEmpty()) {
            throw url.problem("the password is missing (" + url.scheme() + "://{user}:{password}@{host}); "
                + "percent-encode an @ in the login as %40");
        }
        MailMessage.Security security = security(url);
        int port = url.port() >= 0 ? url.port() : switch (security) {
            case STARTTLS -> 587;
            case SSL -> 465;
            case NONE -> 25;
        };
        String login = url.user();
        String from = url.option("from").orElse(login.contains("@") ? login
            : (login.isEmpty() ? sender(settings.instanceName()) : login) + "@" + url.host());
        address(url, "from=", from);
        List<String> to = new ArrayList<>();
        for (String piece : url.option("to").orElse(from).split("[,;\\s]+")) {
            if (!piece.isEmpty()) {
                to.add(address(url, "to=", piece));
            }
        }
        if (to.isEmpty()) {
            throw url.problem("?to= names no recipient");
        }
        return new EmailDestination(url, security, port, from, to, settings);
    }

    /** INSTANCE_NAME as the local part of an address: letters, digits, dots, dashes. */
    private static String sender(String instanceName) {
        String local = instanceName.replaceAll("[^A-Za-z0-9._-]", "");
        return local.isEmpty() ? "auto-m4b" : local;
    }

    private static MailMessage.Security security(ServiceUrl url) {
        String mode = url.option("mode").orElse(url.scheme().equals("mailtos") ? "ssl" : "starttls")
            .toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "starttls", "tls" -> MailMessage.Security.STARTTLS;
            case "ssl" -> MailMessage.Security.SSL;
            case "insecure", "none", "plain" -> MailMessage.Security.NONE;
            default -> throw url.problem("?mode= must be starttls, ssl or insecure, not '" + mode + "'");
        };
    }

    /** A mail address checked as RFC 822 wants it (jakarta.mail); a wrong one is named, it is no secret. */
    private static String address(ServiceUrl url, String option, String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            return parsed.getAddress();
        } catch (AddressException e) {
            throw url.problem(option + " '" + address + "' is not a mail address (" + e.getMessage() + ")");
        }
    }

    @Override
    public String label() {
        return scheme + "://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port + "?to=…";
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public List<String> secrets() {
        return password.isEmpty() ? List.of() : List.of(password);
    }

    @Override
    public void deliver(NotifyEvent event, Outbound outbound) throws DeliveryFailure {
        try {
            outbound.mail(message(event));
        } catch (DeliveryFailure failure) {
            throw masked(failure);
        }
    }

    /** The mail an event makes: its title as the subject, its message as plain text, who sent it under that. */
    MailMessage message(NotifyEvent event) {
        String body = event.message() + "\n\n-- \n" + instanceName + (applicationUrl.isEmpty() ? "" : "\n" + applicationUrl)
            + "\n";
        String subject = java.util.Objects.toString(event.title(), "").replaceAll("[\\r\\n]+", " ");
        return new MailMessage(host, port, security, user, password, from, to, subject, body);
    }
}
