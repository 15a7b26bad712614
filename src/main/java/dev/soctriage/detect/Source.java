package dev.soctriage.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.soctriage.model.Format;
import dev.soctriage.parse.ParsedEvent;

/**
 * The kinds of events rules are written for, each with the formats it covers and how its events
 * are read ({@link EventView}). A rule's {@code logsource} resolves to one ({@link LogSources}).
 */
enum Source {
    /** {@code product: aws, service: cloudtrail}: the record's JSON by dotted names */
    CLOUDTRAIL(EnumSet.of(Format.CLOUDTRAIL), null, JsonView::new),
    /** {@code product: aws, service: waf} (ours): the WAF record's JSON by dotted names */
    AWS_WAF(EnumSet.of(Format.WAF), null, JsonView::new),
    /** {@code category: webserver} and {@code proxy} */
    WEB(EnumSet.of(Format.ACCESS_LOG, Format.ALB, Format.CLOUDFRONT, Format.API_GATEWAY, Format.WAF), WebView.FIELDS,
            WebView::new),
    /** {@code product: linux} */
    LINUX(EnumSet.of(Format.SSHD, Format.SUDO, Format.SYSLOG), LinuxView.FIELDS, LinuxView::new),
    /** {@code product: aws, service: vpcflow} (ours) */
    VPC_FLOW(EnumSet.of(Format.VPC_FLOW), FlowView.FIELDS, FlowView::new),
    /** {@code category: application} (ours): JSON, logfmt and text application logs, levelled or not */
    APPLICATION(EnumSet.of(Format.JSON, Format.LOGFMT, Format.APP_TEXT, Format.TEXT), AppView.FIELDS, AppView::new),
    /** {@code service: apache} or {@code nginx} without a category: the servers' error logs, keywords over the line */
    SERVER_ERRORS(EnumSet.of(Format.TEXT, Format.SYSLOG), Set.of(), ServerErrorView::new);

    final Set<Format> formats;
    /** the field names the view answers, or null when any name may be read (JSON records) */
    private final Set<String> fields;
    private final Function<ParsedEvent, EventView> view;

    Source(Set<Format> formats, Set<String> fields, Function<ParsedEvent, EventView> view) {
        this.formats = formats;
        this.fields = fields;
        this.view = view;
    }

    EventView view(ParsedEvent e) {
        return view.apply(e);
    }

    /** null when a rule of this source may read the field, else why not. */
    String unknown(String field) {
        if (fields == null || fields.contains(field) || field.startsWith("soctriage.")
                && List.of(EventView.FORMAT, EventView.ACTOR_IP, EventView.ACTOR_USER).contains(field)) {
            return null;
        }
        return "field '" + field + "' is not read from " + name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " events here (docs/detections.md lists the fields)";
    }

    /** Keywords only: an error log has no fields we name. */
    private static final class ServerErrorView extends EventView {
        ServerErrorView(ParsedEvent e) {
            super(e);
        }

        @Override
        List<String> read(String field) {
            return ABSENT;
        }

        @Override
        List<String> keywordTexts() {
            return List.of(event.line());
        }
    }
}
