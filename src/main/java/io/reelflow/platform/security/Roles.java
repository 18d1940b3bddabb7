package io.reelflow.platform.security;

/** The groups of Camunda's identity service, which are also the roles of the REST API. */
public final class Roles {
    public static final String CRM_INTEGRATION = "crm-integration";
    public static final String RIGHTS_MANAGERS = "rights-managers";
    public static final String DELIVERY_COORDINATORS = "delivery-coordinators";
    public static final String FINANCE = "finance";
    public static final String MANAGERS = "managers";
    public static final String ADMINS = "admins";
    /** the metrics scraper's account: reads /actuator/prometheus and /actuator/metrics, nothing else */
    public static final String MONITORING = "monitoring";
    /** a post house's, localization vendor's or Backlot integration's API token: reports delivery events, nothing else */
    public static final String DELIVERY_PARTNERS = "delivery-partners";

    private Roles() {
    }
}
