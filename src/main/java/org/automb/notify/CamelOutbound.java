package org.automb.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * {@link Outbound} through the routes {@code send-http} (camel-http) and {@code send-mail} (camel-mail). The URL
 * goes in the {@code CamelHttpUri} header, never into an endpoint URI, so no token ends up in Camel's endpoint
 * registry, JMX names or metrics.
 */
public final class CamelOutbound implements Outbound {

    /** The routes' endpoints. */
    public static final String SEND_HTTP = "direct:send-http";
    public static final String SEND_MAIL = "direct:send-mail";

    private final ProducerTemplate template;

    public CamelOutbound(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public HttpReply send(OutboundRequest request) throws DeliveryFailure {
        Exchange answer = template.send(SEND_HTTP, exchange -> {
            Message message = exchange.getIn();
            message.setHeader(Exchange.HTTP_URI, request.uri().toString());
            message.setHeader(Exchange.HTTP_METHOD, request.method());
            request.headers().forEach(message::setHeader);
            if (request.body() != null) {
                exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
                message.setHeader(Exchange.CONTENT_TYPE, request.contentType());
                message.setBody(request.body());
            }
        });
        if (answer.getException() != null) {
            // the exception's text may repeat the URL (and the token in its path or query): only its kind is kept
            Throwable cause = answer.getException();
            throw DeliveryFailure.noAnswer(request + ": " + cause.getClass().getSimpleName()
                + (cause instanceof java.net.SocketTimeoutException || cause.getClass().getSimpleName().contains("Timeout")
                    ? " (no answer within NOTIFY_TIMEOUT)" : ""));
        }
        Message reply = answer.getMessage();
        Integer status = reply.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> headers = new LinkedHashMap<>();
        reply.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                headers.put(name, String.valueOf(value));
            }
        });
        return new HttpReply(status == null ? 0 : status, headers, reply.getBody(String.class));
    }

    @Override
    public void mail(MailMessage message) throws DeliveryFailure {
        String user = raw(message.user(), "login");
        String password = raw(message.password(), "password");
        Exchange answer = template.send(SEND_MAIL, exchange -> {
            // the connection in properties (headers would become mail headers), the mail's own headers as headers
            exchange.setProperty("mailProtocol", message.security() == MailMessage.Security.SSL ? "smtps" : "smtp");
            exchange.setProperty("mailHost", message.host());
            exchange.setProperty("mailPort", message.port());
            exchange.setProperty("mailStartTls", message.security() == MailMessage.Security.STARTTLS);
            exchange.setProperty("mailUser", user);
            exchange.setProperty("mailPassword", password);
            Message mail = exchange.getIn();
            mail.setHeader("From", message.from());
            mail.setHeader("To", String.join(",", message.to()));
            mail.setHeader("Subject", message.subject());
            mail.setBody(message.body());
        });
        // the route catches the failure (no error log with a stack trace per try); the destination reports it
        Throwable failure = answer.getException() != null ? answer.getException()
            : answer.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            throw MailFailures.of(failure, message);
        }
    }

    /**
     * A value as Camel takes it verbatim in an endpoint URI: {@code RAW(value)}, or {@code RAW{value}} when the value
     * holds {@code )&} (where RAW() would end early and spill the rest of it into the URI as a parameter).
     */
    static String raw(String value, String what) throws DeliveryFailure {
        if (value.isEmpty()) {
            return "";
        }
        if (!value.contains(")&")) {
            return "RAW(" + value + ")";
        }
        if (!value.contains("}&")) {
            return "RAW{" + value + "}";
        }
        throw DeliveryFailure.refused("the SMTP " + what + " holds both ')&' and '}&', which camel-mail cannot take", null);
    }
}
