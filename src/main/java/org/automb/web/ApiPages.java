package org.automb.web;

import java.util.List;
import org.automb.status.AuditView;
import org.automb.status.JobSummary;
import org.automb.status.Paged;

/**
 * The pages the API answers, one concrete record per item type: what {@link Paged} holds, written the same, but
 * with the item type in the class so the OpenAPI document can show the items' schema (a generic type loses it).
 */
public final class ApiPages {

    private ApiPages() {
    }

    /** A page of jobs ({@code GET /jobs}, {@code GET /queue}). */
    public record JobPage(List<JobSummary> items, int page, int size, long total, int pages) {

        public static JobPage of(Paged<JobSummary> paged) {
            return new JobPage(paged.items(), paged.page(), paged.size(), paged.total(), paged.pages());
        }
    }

    /** A page of the audit log ({@code GET /audit}). */
    public record AuditPage(List<AuditView> items, int page, int size, long total, int pages) {

        public static AuditPage of(Paged<AuditView> paged) {
            return new AuditPage(paged.items(), paged.page(), paged.size(), paged.total(), paged.pages());
        }
    }
}
